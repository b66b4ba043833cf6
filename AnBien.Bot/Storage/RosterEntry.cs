namespace AnBien.Bot.Storage;

/// <summary>
/// One person expected to assess in one period, in the unit they belonged to then. Written when the period opens and
/// when people join before it closes; never rewritten once the period is over, so old summaries keep their figures.
/// </summary>
public sealed class RosterEntry
{
    public int PeriodId { get; set; }
    public int StaffId { get; set; }
    public Staff? Staff { get; set; }
    public int UnitId { get; set; }

    /// <summary>
    /// Whether the person has a submitted assessment for the period, in whichever unit it was filed. Set in the
    /// transaction of every save that changes an assessment's submitted state (Assessment/PeriodRoster.cs), so the
    /// not-submitted list of a whole year is an index range scan instead of an anti-join against every assessment.
    /// </summary>
    public bool Submitted { get; set; }
}
