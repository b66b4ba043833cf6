namespace AnBien.Bot.Summaries;

/// <summary>A verified link: who it was given to, what it shows, and in which language.</summary>
public sealed record SignedSummaryLink(int ViewerId, SummaryRequest Request, string Language);
