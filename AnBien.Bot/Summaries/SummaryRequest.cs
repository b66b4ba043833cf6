namespace AnBien.Bot.Summaries;

/// <summary>What someone asks for: a unit (by code), whether its sub-units are included, and the period.</summary>
public sealed record SummaryRequest(string UnitCode, bool WithSubunits, SummaryPeriod Period)
{
    public string Scope => SummaryAudit.ScopeOf(UnitCode, WithSubunits, Period);
}
