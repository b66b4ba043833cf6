using AnBien.Bot.Reports;
using AnBien.Bot.Summaries;
using AnBien.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Reports;

/// <summary>The yearly report and the award rules against an independent calculation on a generated year, on SQLite and PostgreSQL.</summary>
public sealed class AwardRulesTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AwardRulesPickExactlyThePeopleAnIndependentCalculationPicks(string provider)
    {
        var (app, data) = await GeneratedYear.CreateAsync(provider);
        await using var _ = app;
        await using var db = app.CreateDbContext();
        var report = (await app.Services.GetRequiredService<YearlyReportService>().ComputeAsync(db, null, true, SummaryPeriod.Parse("2026"), default))!;

        foreach (var rules in new[]
                 {
                     new AwardOptions(),
                     new AwardOptions { MinMonthsSubmitted = 9, MaxBreaches = 1, MinMonthsAtLevel = 5, MinUnitParticipationPercent = 70, NearMissMaxFailedRules = 2 },
                 })
        {
            var awards = AwardSelector.Select(report, rules);
            var expected = new IndependentAwards(data, rules);

            // Each candidate with the evidence that qualifies them, each near miss with what it has: compared whole.
            Assert.Equal(expected.Candidates, IndependentAwards.Of(awards.Candidates));
            Assert.Equal(expected.NearMisses, IndependentAwards.Of(awards.NearMisses));
            Assert.All(awards.Candidates, c => Assert.Empty(c.Failed));
            Assert.All(awards.NearMisses, c => Assert.InRange(c.Failed.Count(), 1, rules.NearMissMaxFailedRules));
        }

        // The generated year exercises every rule: candidates, and near misses failing each of the four.
        var defaults = AwardSelector.Select(report, new AwardOptions());
        Assert.NotEmpty(defaults.Candidates);
        Assert.Equal(Enum.GetValues<AwardRule>(), defaults.NearMisses.SelectMany(n => n.Failed).Select(f => f.Rule).Distinct().Order());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReportFiguresPerPersonAndUnitMatchTheGeneratedYear(string provider)
    {
        var (app, data) = await GeneratedYear.CreateAsync(provider);
        await using var _ = app;
        await using var db = app.CreateDbContext();
        var service = app.Services.GetRequiredService<YearlyReportService>();
        var report = (await service.ComputeAsync(db, null, true, SummaryPeriod.Parse("2026"), default))!;

        Assert.Equal(GeneratedYear.Months, report.MonthsHeld);
        Assert.Equal(data.Roster.Count, report.Expected);
        Assert.Equal(data.Submissions.Count, report.Submitted);
        foreach (var person in report.People)
        {
            var own = data.Submissions.Where(s => s.StaffCode == person.Code).OrderBy(s => s.Month, StringComparer.Ordinal).ToList();
            Assert.Equal(data.Roster.Count(r => r.StaffCode == person.Code), person.MonthsExpected);
            Assert.Equal(own.Select(s => (s.Month, s.Confirmed ?? s.Proposed, s.Confirmed is not null)), person.Months.Select(m => (m.Month, m.Code, m.Confirmed)));
            Assert.Equal(own.Sum(s => s.Breaches), person.Breaches);
            Assert.Equal(own.Count == 0 ? null : Math.Round(own.Average(s => 100m * s.Total / s.Max), 1, MidpointRounding.AwayFromZero), person.AveragePercent);
            Assert.Equal(data.Deeds.Count(d => d.AuthorCode == person.Code), person.Deeds.Count);
            Assert.Equal(data.Deeds.Count(d => d.NamedCode == person.Code), person.NamedIn.Count);
        }

        Assert.Equal(data.Roster.Select(r => r.StaffCode).Distinct().Order(StringComparer.Ordinal), report.People.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Equal("PB", report.People.Single(p => p.Code == "CB002").UnitCode);
        Assert.Contains(report.People, p => p.NamedIn.Count > 0);

        foreach (var unit in report.Units)
        {
            var submitted = data.Submissions.Count(s => s.UnitCode == unit.Code);
            var missed = data.Roster.Count(r => r.UnitCode == unit.Code && !data.Submissions.Any(s => s.StaffCode == r.StaffCode && s.Month == r.Month));
            Assert.Equal((submitted + missed, submitted), (unit.Expected, unit.Submitted));
        }

        // One unit without its sub-units, and a milestone range (sơ kết: the first half year).
        var pa = (await service.ComputeAsync(db, "PA", false, SummaryPeriod.Parse("2026-01-01..2026-06-30"), default))!;
        Assert.Equal(["PA"], pa.Units.Select(u => u.Code));
        Assert.Equal(6, pa.MonthsHeld.Count);
        Assert.Equal(data.Submissions.Count(s => s.UnitCode == "PA" && string.CompareOrdinal(s.Month, "2026-06") <= 0), pa.Submitted);
        Assert.Null(await service.ComputeAsync(db, "NOPE", false, SummaryPeriod.Parse("2026"), default));
    }
}
