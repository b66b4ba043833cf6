namespace AnBien.Bot.Campaigns;

/// <summary>A campaign as written in a file (Resources/campaigns/*.json) or on the command line.</summary>
public sealed record CampaignDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public IReadOnlyList<CampaignQuestionDefinition> Questions { get; init; } = [];
}
