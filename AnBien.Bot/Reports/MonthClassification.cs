namespace AnBien.Bot.Reports;

/// <summary>
/// One submitted month of a person: the percent, and the classification the head confirmed, or the bot's proposal when
/// none was confirmed (<see cref="Confirmed"/> false). Rank is the level's place in its catalogue, 0 the highest.
/// </summary>
public sealed record MonthClassification(string Month, decimal? Percent, string Code, string Label, bool Confirmed, int Rank);
