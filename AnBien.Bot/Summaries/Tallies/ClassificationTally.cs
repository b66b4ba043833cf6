namespace AnBien.Bot.Summaries.Tallies;

/// <summary>
/// The submitted assessments of one unit in one period counted per pair (proposed, confirmed classification), kept by
/// <see cref="TallyRecompute"/> like the other tallies, so a year's classification counts read thousands of rows, not
/// every assessment.
/// </summary>
public sealed class ClassificationTally
{
    public int PeriodId { get; set; }
    public int UnitId { get; set; }

    /// <summary>The proposed level's code; empty when none was proposed (a key column cannot be null).</summary>
    public required string Proposed { get; set; }

    /// <summary>The confirmed level's code; empty until the review confirms one.</summary>
    public required string Confirmed { get; set; }

    public int Count { get; set; }
}
