using AnBien.Bot.Summaries;

namespace AnBien.Bot.Reports;

/// <summary>
/// The yearly or milestone report (sơ kết, tổng kết) of a unit, with or without its sub-units, or of the whole
/// organisation: per person and per unit, over the months of <see cref="Period"/> that held a self-assessment period.
/// </summary>
public sealed record YearlyReport
{
    public required string UnitCode { get; init; }
    public required string UnitName { get; init; }
    public bool WithSubunits { get; init; }
    public required SummaryPeriod Period { get; init; }
    public required IReadOnlyList<string> MonthsHeld { get; init; }

    /// <summary>Classification levels of the latest catalogue in the range, highest first: (code, label).</summary>
    public required IReadOnlyList<(string Code, string Label)> Levels { get; init; }

    public required IReadOnlyList<PersonYear> People { get; init; }
    public required IReadOnlyList<UnitYear> Units { get; init; }

    /// <summary>Every good deed and initiative of the range, once each, with the people they name.</summary>
    public required IReadOnlyList<NamedDeed> Deeds { get; init; }

    /// <summary>The mean of every submitted month's percent in the report's scope.</summary>
    public decimal? AveragePercent { get; init; }

    public int Expected => Units.Sum(u => u.Expected);
    public int Submitted => Units.Sum(u => u.Submitted);
    public int Breaches => Units.Sum(u => u.Breaches);
}
