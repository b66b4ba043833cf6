namespace AnBien.Bot.Summaries.Tallies;

/// <summary>
/// The submitted assessments of one unit in one period that share a maximum, counted and their points summed. A
/// person's percent is their points over their own maximum, so grouping by the maximum keeps the mean exact.
/// </summary>
public sealed class SubmissionTally
{
    public int PeriodId { get; set; }
    public int UnitId { get; set; }

    /// <summary>The assessments' maximum; 0 where none was stored.</summary>
    public int MaxPoints { get; set; }

    public int Submitted { get; set; }
    public int Points { get; set; }
}
