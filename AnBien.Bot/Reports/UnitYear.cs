namespace AnBien.Bot.Reports;

/// <summary>A unit's own figures over a report's range (its members only, not its sub-units': each sub-unit has its own row).</summary>
public sealed record UnitYear(string Code, string Name, string? ParentCode, int Expected, int Submitted, decimal? AveragePercent, int Breaches, int Deeds)
{
    /// <summary>Months submitted over months expected, in percent; null when nobody was expected.</summary>
    public decimal? ParticipationPercent => Expected == 0 ? null : Math.Round(100m * Submitted / Expected, 1, MidpointRounding.AwayFromZero);
}
