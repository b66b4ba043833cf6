using System.Globalization;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Summaries;

/// <summary>
/// The summary as a short text for a phone screen (and the command line's text format): participation, the average
/// against the organisation and the previous period, the three weakest items, who has not submitted.
/// </summary>
public static class SummaryText
{
    private const int NamesShown = 10;

    public static string PeriodName(TextCatalog texts, string language, SummaryPeriod period)
    {
        var p = period.First;
        if (period.MonthCount == 1) return texts.Get(language, "summary.period.month", ("month", p.Month), ("year", p.Year));
        if (period.Label.Contains('Q', StringComparison.Ordinal)) return texts.Get(language, "summary.period.quarter", ("quarter", (p.Month - 1) / 3 + 1), ("year", p.Year));
        if (period.MonthCount == 12 && p.Month == 1 && !period.Label.Contains("..", StringComparison.Ordinal)) return texts.Get(language, "summary.period.year", ("year", p.Year));
        return texts.Get(language, "summary.period.range", ("from", $"{p.Month:00}/{p.Year}"), ("to", $"{period.Last.Month:00}/{period.Last.Year}"));
    }

    public static string Render(TextCatalog texts, string language, UnitSummary s, Uri? workbookLink = null, TimeSpan? linkLifetime = null)
    {
        var culture = TextCatalog.Culture(language);
        string Percent(decimal? value) => value?.ToString("0.#", culture) ?? "—";
        var lines = new List<string>
        {
            texts.Get(language, "summary.title", ("unit", s.UnitName), ("period", PeriodName(texts, language, s.Period))),
            texts.Get(language, "summary.participation", ("submitted", s.Submitted), ("expected", s.Expected)),
        };

        if (s.AveragePercent is null)
        {
            lines.Add(texts.Get(language, "summary.average.none"));
        }
        else
        {
            var average = texts.Get(language, "summary.average", ("percent", Percent(s.AveragePercent)));
            if (s.Organisation is { AveragePercent: { } org } && !IsOrganisation(s)) average += " " + texts.Get(language, "summary.compare.organisation", ("percent", Percent(org)));
            lines.Add(average);
        }

        lines.Add(s.CollectivePercent is { } collective
            ? texts.Get(language, "summary.collective", ("percent", Percent(collective)))
            : texts.Get(language, "summary.collective.none"));

        // Campaign answers are counted apart from the plan's score (docs/campaigns.md): one line per question.
        foreach (var c in s.Campaigns)
        {
            lines.AddRange(c.Questions.Select(q => texts.Get(language, "summary.campaign", ("name", c.Name), ("code", q.Code), ("answered", q.Answered),
                ("choices", string.Join(", ", q.Distribution.Select(d => $"{d.Choice.LabelIn(language)} {d.Count}"))))));
        }

        if (s.Previous is { } prev)
        {
            lines.Add(texts.Get(language, "summary.compare.previous", ("period", PeriodName(texts, language, prev.Period)),
                ("percent", Percent(prev.AveragePercent)), ("submitted", prev.Submitted), ("expected", prev.Expected)));
        }

        var weakest = s.Weakest(3).ToList();
        if (weakest.Count > 0 && s.Submitted > 0)
        {
            lines.Add(texts.Get(language, "summary.weakest"));
            lines.AddRange(weakest.Select(i => texts.Get(language, "summary.weakest.item",
                ("code", i.Code), ("points", i.AveragePoints?.ToString("0.##", culture)), ("notDone", i.NotDoneCount))));
        }

        if (s.BreachesReported > 0) lines.Add(texts.Get(language, "summary.breaches", ("count", s.BreachesReported)));
        if (s.GoodDeeds.Count > 0) lines.Add(texts.Get(language, "summary.goodDeeds", ("count", s.GoodDeeds.Count)));

        var people = s.NotSubmitted.GroupBy(n => n.Code).Select(g => g.First().FullName).ToList();
        if (people.Count > 0)
        {
            var names = string.Join(", ", people.Take(NamesShown));
            if (people.Count > NamesShown) names = texts.Get(language, "summary.notSubmitted.more", ("names", names), ("more", people.Count - NamesShown));
            lines.Add(texts.Get(language, "summary.notSubmitted", ("count", people.Count), ("names", names)));
        }

        if (workbookLink is not null)
        {
            var hours = (linkLifetime ?? TimeSpan.FromHours(24)).TotalHours.ToString("0.#", CultureInfo.InvariantCulture);
            lines.Add(texts.Get(language, "summary.workbook", ("hours", hours), ("link", workbookLink)));
        }

        return string.Join("\n", lines);
    }

    private static bool IsOrganisation(UnitSummary s) =>
        s.Organisation is { } o && o.Expected == s.Expected && o.Submitted == s.Submitted && s.WithSubunits;
}
