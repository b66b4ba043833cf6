namespace AnBien.Bot.Summaries.Tallies;

/// <summary>
/// The submitted answers of one unit's staff to one item in one period, summed. Recomputed from the raw answers by
/// <see cref="TallyRecompute"/> in the transaction that changes them, so a province's yearly roll-up reads thousands
/// of these rows instead of millions of answers (BENCHMARKS.md, "Summaries").
/// </summary>
public sealed class ItemTally
{
    public int PeriodId { get; set; }
    public int UnitId { get; set; }
    public required string ItemCode { get; set; }
    public int Answered { get; set; }
    public int Points { get; set; }

    /// <summary>Answers worth 0 points: "Chưa thực hiện" on an ordinary item.</summary>
    public int Zero { get; set; }

    /// <summary>Answers worth less than 0 points: a breach.</summary>
    public int Negative { get; set; }
}
