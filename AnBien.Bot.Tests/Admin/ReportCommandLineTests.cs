using AnBien.Bot.Admin;
using AnBien.Bot.Reports;
using AnBien.Bot.Tests.Reports;
using AnBien.Bot.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Admin;

/// <summary>`report year` and `awards` on a generated year: the workbook read back, the CSV, a rules file, and bad arguments.</summary>
public sealed class ReportCommandLineTests
{
    [Fact]
    public async Task ReportYearWritesAWorkbookThatReadsBackWithSheetsHeadersAndValues()
    {
        var (app, data) = await GeneratedYear.CreateAsync("Sqlite");
        await using var _ = app;
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");
        try
        {
            var (code, output, error) = await RunAsync(app, "report", "year", "2026", "--out", path);
            Assert.True(code == 0, error);
            var expected = new IndependentAwards(data, new AwardOptions());
            Assert.Contains($"{expected.Candidates.Count} award candidates. Workbook written to {path}.", output, StringComparison.Ordinal);

            using var workbook = new XLWorkbook(path);
            Assert.Equal(["Báo cáo", "Đơn vị", "Cá nhân", "Việc tốt, sáng kiến", "Đề xuất khen thưởng", "Gần đạt"], workbook.Worksheets.Select(w => w.Name));

            var summary = workbook.Worksheet("Báo cáo");
            Assert.Equal("Sở Nội vụ (SO+)", summary.Cell(1, 2).GetString());
            Assert.Equal(12, summary.Cell(YearlyWorkbook.MonthsRow, 2).GetValue<int>());
            Assert.Equal(data.Roster.Count, summary.Cell(YearlyWorkbook.ExpectedRow, 2).GetValue<int>());
            Assert.Equal(data.Submissions.Count, summary.Cell(YearlyWorkbook.SubmittedRow, 2).GetValue<int>());
            Assert.Equal(expected.Candidates.Count, summary.Cell(YearlyWorkbook.CandidatesRow, 2).GetValue<int>());

            var people = workbook.Worksheet("Cá nhân");
            Assert.Equal(["Đơn vị", "Mã cán bộ", "Họ và tên", "Tháng phải nộp", "Tháng đã nộp", "Điểm trung bình (%)", "Vi phạm được báo", "Việc tốt, sáng kiến", "Được nêu tên",
                "01/2026", "02/2026", "03/2026", "04/2026", "05/2026", "06/2026", "07/2026", "08/2026", "09/2026", "10/2026", "11/2026", "12/2026"],
                people.Row(1).CellsUsed().Select(c => c.GetString()));
            var levels = data.Form.Catalogue.Classification.Levels.ToDictionary(l => l.Code, l => l.Label);
            var row = people.RowsUsed().Skip(1).Single(r => r.Cell(2).GetString() == "CB002");
            Assert.Equal("PB", row.Cell(1).GetString());
            var own = data.Submissions.Where(s => s.StaffCode == "CB002").ToList();
            Assert.Equal(own.Count, row.Cell(5).GetValue<int>());
            foreach (var s in own)
            {
                var cell = row.Cell(YearlyWorkbook.FirstMonthColumn + int.Parse(s.Month[5..]) - 1).GetString();
                Assert.Equal(s.Confirmed is { } c ? levels[c] : $"{levels[s.Proposed]} (đề xuất, chưa duyệt)", cell);
            }

            var candidates = workbook.Worksheet("Đề xuất khen thưởng");
            Assert.Equal("Căn cứ", candidates.Cell(1, 9).GetString());
            Assert.Equal(expected.Candidates.Select(c => c.Code), candidates.RowsUsed().Skip(1).Select(r => r.Cell(2).GetString()));
            var first = expected.Candidates[0];
            var evidence = candidates.Cell(2, 9).GetString();
            Assert.Contains($"đã nộp {first.Months} tháng (cần từ 10)", evidence, StringComparison.Ordinal);
            Assert.Contains("0 vi phạm (tối đa 0)", evidence, StringComparison.Ordinal);
            var nearMisses = workbook.Worksheet("Gần đạt");
            Assert.Equal(expected.NearMisses.Select(c => c.Code), nearMisses.RowsUsed().Skip(1).Select(r => r.Cell(2).GetString()));

            await using var db = app.CreateDbContext();
            var audit = await db.Audit.SingleAsync();
            Assert.Equal(("cli", ReportAudit.Workbook, "SO+ 2026"), (audit.Actor, audit.Action, audit.Scope));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AwardsCsvListsCandidatesThenNearMissesByTheRulesOfAFile()
    {
        var (app, data) = await GeneratedYear.CreateAsync("Sqlite");
        await using var running = app;
        var rules = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        var csv = Path.ChangeExtension(rules, ".csv");
        try
        {
            await File.WriteAllTextAsync(rules, """{ "MinMonthsSubmitted": 9, "minUnitParticipationPercent": 60 }""");
            var (code, output, error) = await RunAsync(app, "awards", "2026", "--rules", rules, "--out", csv);
            Assert.True(code == 0, error);
            var expected = new IndependentAwards(data, new AwardOptions { MinMonthsSubmitted = 9, MinUnitParticipationPercent = 60 });
            Assert.Equal($"{expected.Candidates.Count} candidates and {expected.NearMisses.Count} near misses written to {csv}.", output.Trim());

            var lines = await File.ReadAllLinesAsync(csv);
            Assert.Equal("kind,unit,staff_code,full_name,months_expected,months_submitted,breaches,months_at_level,unit_participation,average_percent,evidence", lines[0].TrimStart('\uFEFF'));
            var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(expected.Candidates.Select(c => (AwardCsv.Candidate, c.Code)).Concat(expected.NearMisses.Select(c => (AwardCsv.NearMiss, c.Code))),
                rows.Select(r => (r[0], r[2])));

            await File.WriteAllTextAsync(rules, """{ "MinMonthSubmitted": 9 }""");
            (code, _, error) = await RunAsync(app, "awards", "2026", "--rules", rules);
            Assert.Equal(2, code);
            Assert.Contains("unknown key 'MinMonthSubmitted'", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(rules);
            File.Delete(csv);
        }
    }

    [Theory]
    [InlineData("report", "year", "26", "--out", "x.xlsx")]
    [InlineData("report", "year", "2026")]
    [InlineData("report", "year", "2026", "--unit", "NOPE", "--out", "x.xlsx")]
    [InlineData("awards", "2026", "--format", "xlsx")]
    [InlineData("awards", "2026", "--rules", "no-such-rules.json")]
    public async Task BadArgumentsExitWithTwoAndSayWhy(params string[] args)
    {
        await using var app = await BotApplication.StartAsync();
        var (code, _, error) = await RunAsync(app, args);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(BotApplication app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCommandLine.RunAsync(app.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
