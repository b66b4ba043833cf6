namespace AnBien.Bot.Reports;

/// <summary>
/// A person's figures over a report's range. Expected counts the months they were on a period's roster, plus any month
/// they submitted without being on it (as the summaries do). UnitCode is the unit of their latest month in the range.
/// </summary>
public sealed record PersonYear
{
    public required string Code { get; init; }
    public required string FullName { get; init; }
    public required string UnitCode { get; init; }
    public int MonthsExpected { get; init; }
    public int MonthsSubmitted => Months.Count;
    public decimal? AveragePercent { get; init; }
    public required IReadOnlyList<MonthClassification> Months { get; init; }
    public int Breaches { get; init; }

    /// <summary>The person's own good deeds and initiatives.</summary>
    public required IReadOnlyList<NamedDeed> Deeds { get; init; }

    /// <summary>Good deeds and initiatives others wrote that name this person (by full name or staff code).</summary>
    public required IReadOnlyList<NamedDeed> NamedIn { get; init; }

    /// <summary>Months confirmed at the level of rank <paramref name="rank"/> or better (a lower rank is a higher level).</summary>
    public int ConfirmedAtOrAbove(int rank) => Months.Count(m => m.Confirmed && m.Rank <= rank);
}
