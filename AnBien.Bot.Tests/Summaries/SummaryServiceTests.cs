using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Summaries;

/// <summary>Every figure of a summary against an independent calculation on the generated rows, on SQLite and PostgreSQL.</summary>
public sealed class SummaryServiceTests
{
    [Fact]
    public Task FiguresMatchAnIndependentCalculationOnSqlite() => FiguresMatchAsync("Sqlite");

    [PostgresFact]
    public Task FiguresMatchAnIndependentCalculationOnPostgres() => FiguresMatchAsync("Postgres");

    [Fact]
    public Task PastPeriodIsUnchangedAfterTheDirectoryChangesOnSqlite() => PastPeriodUnchangedAsync("Sqlite");

    [PostgresFact]
    public Task PastPeriodIsUnchangedAfterTheDirectoryChangesOnPostgres() => PastPeriodUnchangedAsync("Postgres");

    private static async Task FiguresMatchAsync(string provider)
    {
        var (app, data) = await GeneratedOrganisation.CreateAsync(provider);
        await using var _ = app;
        var service = app.Services.GetRequiredService<SummaryService>();
        await using var db = app.CreateDbContext();

        // One unit, one month, with its previous month and the organisation beside it.
        var pa = await service.ComputeAsync(db, "PA", false, SummaryPeriod.Parse("2026-09"), default);
        Assert.NotNull(pa);
        new IndependentFigures(data, ["PA"], ["2026-09"]).AssertMatches(pa);
        Assert.NotNull(pa.Previous);
        new IndependentFigures(data, ["PA"], ["2026-08"]).AssertMatches(pa.Previous);
        var organisation = new IndependentFigures(data, ["SO", "PA", "PA1", "PB"], ["2026-09"]);
        Assert.Equal((organisation.Expected, organisation.Submitted, organisation.AveragePercent),
            (pa.Organisation!.Expected, pa.Organisation.Submitted, pa.Organisation.AveragePercent));

        // Sub-units: PA with PA1, the quarter so far (August to October, October still open).
        var withSubunits = await service.ComputeAsync(db, "PA", true, SummaryPeriod.Parse("2026-Q3"), default);
        new IndependentFigures(data, ["PA", "PA1"], ["2026-07", "2026-08", "2026-09"]).AssertMatches(withSubunits!);
        Assert.Null(withSubunits!.Previous);
        var range = await service.ComputeAsync(db, "SO", true, SummaryPeriod.Parse("2026-08-15..2026-10-31"), default);
        new IndependentFigures(data, ["SO", "PA", "PA1", "PB"], GeneratedOrganisation.Months).AssertMatches(range!);
        Assert.Equal(range!.Expected, range.Organisation!.Expected);

        // The open month counts only what was submitted; in-progress assessments are not figures.
        var october = await service.ComputeAsync(db, "PB", false, SummaryPeriod.Parse("2026-10"), default);
        new IndependentFigures(data, ["PB"], ["2026-10"]).AssertMatches(october!);
        Assert.True(await db.Assessments.AnyAsync(a => a.Status == AssessmentStatus.InProgress), "the generated data has assessments in progress");

        Assert.Null(await service.ComputeAsync(db, "NOPE", false, SummaryPeriod.Parse("2026-09"), default));
    }

    private static async Task PastPeriodUnchangedAsync(string provider)
    {
        var (app, data) = await GeneratedOrganisation.CreateAsync(provider);
        await using var _ = app;
        var service = app.Services.GetRequiredService<SummaryService>();
        string[] units = ["PA1", "PB", "SO"];
        var before = new Dictionary<string, string>();
        await using (var db = app.CreateDbContext())
        {
            foreach (var unit in units) before[unit] = SummaryJson.Write((await service.ComputeAsync(db, unit, false, SummaryPeriod.Parse("2026-08"), default))!);
        }

        // CB002 moved from PA1 to PB before September: their August answers stay in PA1, September's are PB's.
        Assert.Contains(data.Submissions, s => s is { StaffCode: "CB002", Month: "2026-08", UnitCode: "PA1" });

        // A directory import during October: a newcomer joins the open period, someone moves, someone leaves.
        var staff = Path.Combine(Path.GetTempPath(), $"staff-{Guid.NewGuid():N}.csv");
        await using (var db = app.CreateDbContext())
        {
            var rows = await db.Staff.Where(s => s.Active && s.Code != "CB010").OrderBy(s => s.Code)
                .Select(s => new { s.Code, s.FullName, Unit = s.Unit!.Code }).ToListAsync();
            var lines = rows.Select(r => $"{r.Code},{r.FullName},{(r.Code == "CB005" ? "PB" : r.Unit)},,staff,,,").Prepend("code,full_name,unit_code,title,roles,email,phone,teams_object_id").Append("CB100,Người Mới Đến,PA,,staff,,,");
            await File.WriteAllLinesAsync(staff, lines);
        }

        try
        {
            await using var db = app.CreateDbContext();
            var report = await app.Services.GetRequiredService<AnBien.Bot.Directory.DirectoryImporter>().ImportAsync(db, AnBien.Bot.Directory.DirectoryFile.Read(staff), default);
            Assert.True(report.Succeeded, report.ToString());
            foreach (var unit in units)
            {
                Assert.Equal(before[unit], SummaryJson.Write((await service.ComputeAsync(db, unit, false, SummaryPeriod.Parse("2026-08"), default))!));
            }

            var october = (await service.ComputeAsync(db, "PA", false, SummaryPeriod.Parse("2026-10"), default))!;
            Assert.Contains(october.NotSubmitted, n => n.Code == "CB100");
            var all = (await service.ComputeAsync(db, "SO", true, SummaryPeriod.Parse("2026-10"), default))!;
            Assert.DoesNotContain(all.NotSubmitted, n => n.Code == "CB010");
            if (!data.Submissions.Any(s => s is { StaffCode: "CB005", Month: "2026-10" }))
            {
                var pb = (await service.ComputeAsync(db, "PB", false, SummaryPeriod.Parse("2026-10"), default))!;
                Assert.Contains(pb.NotSubmitted, n => n.Code == "CB005");
                Assert.DoesNotContain(october.NotSubmitted, n => n.Code == "CB005");
            }
        }
        finally
        {
            File.Delete(staff);
        }
    }
}
