namespace AnBien.Bot.Summaries;

/// <summary>
/// One catalogue item over the submitters: average points, how many answered "Chưa thực hiện" (zero points on an
/// ordinary item) and, for a breach item, how many reported that it happened.
/// </summary>
public sealed record ItemFigure(string Code, string Text, string GroupCode, bool IsBreach, decimal? AveragePoints, int NotDoneCount, int BreachCount);
