namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// A webhook event as received, stored before Zalo gets its 200 and processed afterwards. The unique
/// <see cref="DedupeKey"/> turns redeliveries into no-ops; an unprocessed row is picked up again after a crash.
/// </summary>
public sealed class ZaloInboxEvent
{
    public long Id { get; set; }
    public required string DedupeKey { get; set; }
    public required string EventName { get; set; }
    public string? UserId { get; set; }

    /// <summary>The raw body, byte for byte as signed (UTF-8).</summary>
    public required string Body { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Null until handled. Also when given up after too many attempts (see <see cref="Attempts"/>).</summary>
    public DateTimeOffset? ProcessedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>Until when an instance owns the row (or, after a failure, when it may be retried).</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }

    /// <summary>Exception type or Zalo error code of the last failure (no message text, no personal data).</summary>
    public string? LastError { get; set; }
}
