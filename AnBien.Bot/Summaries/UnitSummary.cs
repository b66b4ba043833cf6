namespace AnBien.Bot.Summaries;

/// <summary>
/// A unit's figures for a period. Expected = Submitted + the not-submitted entries, counted per person and month:
/// the period's roster, plus anyone who submitted in the unit without being on it.
/// </summary>
public sealed record UnitSummary
{
    public required string UnitCode { get; init; }
    public required string UnitName { get; init; }
    public bool WithSubunits { get; init; }
    public required SummaryPeriod Period { get; init; }

    /// <summary>The months of the period that had a self-assessment period at all.</summary>
    public required IReadOnlyList<string> MonthsHeld { get; init; }

    public int Expected => Submitted + (UnlistedNotSubmittedCount ?? NotSubmitted.Count);
    public int Submitted { get; init; }
    public required IReadOnlyList<StaffEntry> NotSubmitted { get; init; }

    /// <summary>
    /// Set only when the lists (not submitted, good deeds) were not read: how many did not submit. A previous period
    /// the reply shows by its figures alone, or the organisation beside a unit, need the count and not 40,000 names.
    /// </summary>
    public int? UnlistedNotSubmittedCount { get; init; }

    /// <summary>True when <see cref="NotSubmitted"/> and <see cref="GoodDeeds"/> were not read: empty, not known to be empty.</summary>
    public bool ListsOmitted => UnlistedNotSubmittedCount is not null;
    public decimal? AveragePercent { get; init; }
    public required IReadOnlyList<GroupFigure> Groups { get; init; }
    public required IReadOnlyList<ItemFigure> Items { get; init; }
    public required IReadOnlyList<ClassificationCount> Classifications { get; init; }
    public required IReadOnlyList<GoodDeedEntry> GoodDeeds { get; init; }

    /// <summary>The same figures for the period of the same length just before, or null when none was held.</summary>
    public UnitSummary? Previous { get; init; }

    public OrganisationFigures? Organisation { get; init; }

    /// <summary>The units' submitted collective assessments in the period (the unit alone, or with its sub-units).</summary>
    public IReadOnlyList<CollectiveFigure> Collective { get; init; } = [];

    /// <summary>The mean of the collective percents, or null when no unit in scope has been assessed ("chưa đánh giá").</summary>
    public decimal? CollectivePercent => Collective.Count == 0 ? null : Math.Round(Collective.Average(c => c.Percent), 1, MidpointRounding.AwayFromZero);

    /// <summary>The answers to the campaign questions the periods carried (docs/campaigns.md); outside every score.</summary>
    public IReadOnlyList<AnBien.Bot.Campaigns.CampaignFigure> Campaigns { get; init; } = [];

    public int BreachesReported => Items.Sum(i => i.BreachCount);

    /// <summary>The ordinary items with the lowest average, weakest first.</summary>
    public IEnumerable<ItemFigure> Weakest(int count) =>
        Items.Where(i => !i.IsBreach && i.AveragePoints is not null).OrderBy(i => i.AveragePoints).ThenByDescending(i => i.NotDoneCount).Take(count);
}
