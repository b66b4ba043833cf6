namespace AnBien.Bot.Announcements;

/// <summary>One announcement to one person. Unique per (announcement, staff); a row in state Sent is never sent again.</summary>
public sealed class AnnouncementDelivery
{
    public long Id { get; set; }
    public long AnnouncementId { get; set; }
    public int StaffId { get; set; }

    /// <summary>The channel chosen when queued (or the one that finally accepted it).</summary>
    public string? Channel { get; set; }
    public DeliveryState State { get; set; }

    /// <summary>Operator-readable, without personal data.</summary>
    public string? Reason { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A worker holds the row until then; after it another worker may take it over.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
}
