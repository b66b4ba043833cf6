namespace AnBien.Bot.Campaigns;

/// <summary>One campaign question's figures; <see cref="Distribution"/> lists every choice, in the question's order, zeros included.</summary>
public sealed record CampaignQuestionFigure(string Code, string Text, int Answered, IReadOnlyList<CampaignChoiceCount> Distribution);
