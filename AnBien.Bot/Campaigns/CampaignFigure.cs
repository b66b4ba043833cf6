namespace AnBien.Bot.Campaigns;

/// <summary>A campaign's answers in a summary: per question, how many answered and how many chose each choice.</summary>
public sealed record CampaignFigure(int Id, string Name, IReadOnlyList<CampaignQuestionFigure> Questions);
