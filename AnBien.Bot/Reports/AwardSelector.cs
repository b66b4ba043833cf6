namespace AnBien.Bot.Reports;

/// <summary>
/// Applies the award rules to a report. Every rule is checked for everyone, so a candidate carries the evidence that
/// qualifies them and a near miss the rules it failed. Which form of award (Giấy khen or Bằng khen) stays the
/// council's decision: the rules only pick who may be proposed.
/// </summary>
public static class AwardSelector
{
    public static AwardList Select(YearlyReport report, AwardOptions rules)
    {
        var rank = report.Levels.ToList().FindIndex(l => string.Equals(l.Code, rules.MinLevel, StringComparison.OrdinalIgnoreCase));
        if (rank < 0)
        {
            throw new ArgumentException($"Awards:MinLevel '{rules.MinLevel}' is not a level of the catalogue ({string.Join(", ", report.Levels.Select(l => l.Code))}).");
        }

        var participation = report.Units.ToDictionary(u => u.Code, u => u.ParticipationPercent ?? 0, StringComparer.Ordinal);
        var checkedPeople = report.People.Select(p =>
            {
                var atLevel = p.Months.Where(m => m.Confirmed && m.Rank <= rank).Select(m => m.Month).ToList();
                var unit = participation.GetValueOrDefault(p.UnitCode);
                return new AwardCandidate(p,
                [
                    new(AwardRule.MonthsSubmitted, p.MonthsSubmitted, rules.MinMonthsSubmitted, p.MonthsSubmitted >= rules.MinMonthsSubmitted),
                    new(AwardRule.Breaches, p.Breaches, rules.MaxBreaches, p.Breaches <= rules.MaxBreaches),
                    new(AwardRule.MonthsAtLevel, atLevel.Count, rules.MinMonthsAtLevel, atLevel.Count >= rules.MinMonthsAtLevel),
                    new(AwardRule.UnitParticipation, unit, rules.MinUnitParticipationPercent, unit >= rules.MinUnitParticipationPercent),
                ])
                { MonthsAtLevel = atLevel };
            })
            .ToList();

        return new AwardList(report, rules, report.Levels[rank].Label,
            checkedPeople.Where(c => c.Qualifies).ToList(),
            checkedPeople.Where(c => c.Failed.Count() is var failed && failed >= 1 && failed <= rules.NearMissMaxFailedRules).ToList());
    }
}
