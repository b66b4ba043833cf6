namespace AnBien.Bot.Campaigns;

/// <summary>
/// A sub-campaign of the plan (docs/campaigns.md) running between two dates: its announcements carry its id, and its
/// extra questions join the self-assessment of every period that opens while it runs.
/// </summary>
public sealed class Campaign
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>The first and last day, both included, in the plan's time zone.</summary>
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<CampaignQuestion> Questions { get; set; } = [];

    public bool RunsOn(DateOnly day) => From <= day && day <= To;
}
