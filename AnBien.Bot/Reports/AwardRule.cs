namespace AnBien.Bot.Reports;

/// <summary>The award rules of <see cref="AwardOptions"/>, in the order they are checked and shown.</summary>
public enum AwardRule
{
    MonthsSubmitted,
    Breaches,
    MonthsAtLevel,
    UnitParticipation,
}
