namespace AnBien.Bot.Summaries.Tallies;

/// <summary>
/// The <see cref="ItemTally"/> rows of one period and item summed over every unit: the whole organisation's year reads
/// 12 × 36 of these instead of 12 × 36 × every unit. <see cref="TallyRecompute"/> keeps it by taking a unit's old rows
/// out and adding its new ones, in the transaction that recomputes the unit.
/// </summary>
public sealed class OrganisationItemTally
{
    public int PeriodId { get; set; }
    public required string ItemCode { get; set; }
    public int Answered { get; set; }
    public int Points { get; set; }
    public int Zero { get; set; }
    public int Negative { get; set; }
}
