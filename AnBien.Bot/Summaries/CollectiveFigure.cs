namespace AnBien.Bot.Summaries;

/// <summary>One unit's submitted collective assessment in one month of a summary's period.</summary>
public sealed record CollectiveFigure(string UnitCode, string UnitName, string Month, int Points, int Max, decimal Percent);
