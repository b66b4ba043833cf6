using AnBien.Bot.Assessment;

namespace AnBien.Bot.Campaigns;

/// <summary>How many submitted answers chose <see cref="Choice"/>; the choice keeps its code for the JSON and its labels for people.</summary>
public sealed record CampaignChoiceCount(ScaleChoice Choice, int Count);
