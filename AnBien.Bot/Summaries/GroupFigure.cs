namespace AnBien.Bot.Summaries;

/// <summary>A criteria group's average: the mean over submitters of their points in the group / the group's maximum × 100.</summary>
public sealed record GroupFigure(string Code, string Letter, string Name, decimal? AveragePercent);
