using AnBien.Bot.Assessment;

namespace AnBien.Bot.Campaigns;

/// <summary>An extra question as written in a campaign file: the catalogue's choice shape, aliases without diacritics included.</summary>
public sealed record CampaignQuestionDefinition
{
    public required string Code { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<ScaleChoice> Choices { get; init; }
}
