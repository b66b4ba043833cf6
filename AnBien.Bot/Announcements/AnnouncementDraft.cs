namespace AnBien.Bot.Announcements;

/// <summary>What a sender asks for; <see cref="SendAt"/> null means now.</summary>
public sealed record AnnouncementDraft(string Text, AnnouncementAudience Audience, string CreatedBy)
{
    public AnnouncementKind Kind { get; init; } = AnnouncementKind.Council;
    public string? TextEnglish { get; init; }
    public string? Link { get; init; }
    /// <summary>A picture by its public address.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>A picture given as a file (<see cref="AnnouncementPicture.Read"/>), stored with the announcement.</summary>
    public AnnouncementPicture? Image { get; init; }
    public bool RequiresAck { get; init; }
    public DateTimeOffset? SendAt { get; init; }
    public int? PeriodId { get; init; }
    public string? OccurrenceKey { get; init; }
    public int? CampaignId { get; init; }
}
