using AnBien.Bot.Conversations;

namespace AnBien.Bot.Reports;

/// <summary>The checks of a candidate or near miss in words, by key from Resources/texts, e.g. "đã nộp 11 tháng (cần ≥ 10)".</summary>
public static class AwardEvidence
{
    public static string Describe(TextCatalog texts, string language, AwardList list, AwardCandidate person, bool failedOnly)
    {
        var checks = failedOnly ? person.Failed : person.Checks;
        return string.Join("; ", checks.Select(c => Describe(texts, language, list, person, c)));
    }

    private static string Describe(TextCatalog texts, string language, AwardList list, AwardCandidate person, AwardCheck check)
    {
        string Number(decimal value) => DisplayFormat.Percent(value, language);
        return check.Rule switch
        {
            AwardRule.MonthsSubmitted => texts.Get(language, "awards.rule.monthsSubmitted", ("actual", Number(check.Actual)), ("required", Number(check.Required))),
            AwardRule.Breaches => texts.Get(language, "awards.rule.breaches", ("actual", Number(check.Actual)), ("required", Number(check.Required))),
            AwardRule.MonthsAtLevel => texts.Get(language, "awards.rule.monthsAtLevel", ("actual", Number(check.Actual)), ("required", Number(check.Required)),
                ("level", list.MinLevelLabel), ("months", person.MonthsAtLevel.Count == 0 ? "—" : string.Join(", ", person.MonthsAtLevel.Select(DisplayFormat.Month)))),
            _ => texts.Get(language, "awards.rule.unitParticipation", ("actual", Number(check.Actual)), ("required", Number(check.Required)), ("unit", person.Person.UnitCode)),
        };
    }
}
