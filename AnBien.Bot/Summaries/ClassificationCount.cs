namespace AnBien.Bot.Summaries;

/// <summary>How many submissions were proposed, and how many confirmed, at one classification level.</summary>
public sealed record ClassificationCount(string Code, string Label, int Proposed, int Confirmed);
