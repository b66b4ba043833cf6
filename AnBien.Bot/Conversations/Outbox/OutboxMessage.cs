namespace AnBien.Bot.Conversations.Outbox;

/// <summary>
/// One message the bot sends, stored before it leaves: a turn's replies are written in the turn's own transaction and
/// a proactive message in its caller's, so nothing committed is lost to a channel outage or a crash. Workers lease
/// rows (<see cref="LeaseOwner"/>, <see cref="LeaseUntil"/>) and record the outcome; a sent row is never sent again.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The delivery route ("botframework", "zalo", "webchat", "staff"…) that knows <see cref="Address"/>.</summary>
    public required string Route { get; set; }

    /// <summary>Messages with the same key leave in id order: a thread's replies never overtake each other.</summary>
    public required string OrderKey { get; set; }

    public required string Address { get; set; }

    /// <summary>What to send, as JSON (usually an <see cref="OutgoingMessage"/>; a route may define its own).</summary>
    public required string Payload { get; set; }

    public OutboxStatus Status { get; set; }

    /// <summary>The last failure, or why the row is failed or unreachable: operator-readable, no personal data.</summary>
    public string? Detail { get; set; }

    public int Attempts { get; set; }

    /// <summary>For messages a channel splits into parts (Zalo): the parts already accepted, never sent twice.</summary>
    public int PartsSent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>After this, a failing message is given up as <see cref="OutboxStatus.Failed"/> (a redelivery revives it).</summary>
    public DateTimeOffset Deadline { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The channel that took it ("msteams", "zalo"…): for a person's message, the account that was reached.</summary>
    public string? SentVia { get; set; }

    /// <summary>The channel's id for the sent message, when it gives one.</summary>
    public string? ExternalId { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The inbound activity whose turn produced the message, so a redelivery of it re-sends what is unsent.</summary>
    public string? SourceChannel { get; set; }
    public string? SourceActivityId { get; set; }

    /// <summary>What the message belongs to, for features that track their own deliveries (e.g. "announcement" + id).</summary>
    public string? CorrelationKind { get; set; }
    public string? CorrelationId { get; set; }
}
