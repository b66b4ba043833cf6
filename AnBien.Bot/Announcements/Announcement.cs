namespace AnBien.Bot.Announcements;

/// <summary>One message to many people; each recipient has an <see cref="AnnouncementDelivery"/>.</summary>
public sealed class Announcement
{
    public long Id { get; set; }
    public AnnouncementKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>The English text for staff who read English; the Vietnamese <see cref="Text"/> otherwise.</summary>
    public string? TextEnglish { get; set; }
    public string? Link { get; set; }

    /// <summary>The picture's public address (http or https), when the sender gave an address.</summary>
    public string? ImageUrl { get; set; }

    /// <summary>
    /// The media type of the picture the sender gave as a file (image/png or image/jpeg), kept in
    /// <see cref="AnnouncementImage"/>; null when there is none. Deliveries read it without loading the bytes.
    /// </summary>
    public string? ImageType { get; set; }

    /// <summary>The audience as written ("all", "units:VP,KT", "roles:unit_head", "staff:NV001,NV002"); for the record.</summary>
    public required string Audience { get; set; }
    public bool WithSubUnits { get; set; }

    /// <summary>Carries a "Đã đọc" button; pressing it marks the delivery acknowledged.</summary>
    public bool RequiresAck { get; set; }
    public DateTimeOffset SendAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>"cli", "schedule" or the sender's staff code.</summary>
    public required string CreatedBy { get; set; }
    public int? PeriodId { get; set; }

    /// <summary>Set by the rhythm ("remind@2026-12-01T02:00Z"); unique, so a step that runs twice queues once.</summary>
    public string? OccurrenceKey { get; set; }
    public int RecipientCount { get; set; }

    /// <summary>The campaign the announcement belongs to (docs/campaigns.md); null for ordinary announcements.</summary>
    public int? CampaignId { get; set; }
}
