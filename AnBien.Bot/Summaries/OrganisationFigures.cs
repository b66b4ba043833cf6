namespace AnBien.Bot.Summaries;

/// <summary>The whole organisation's figures for the same period, to set a unit's against.</summary>
public sealed record OrganisationFigures(int Expected, int Submitted, decimal? AveragePercent, IReadOnlyList<GroupFigure> Groups);
