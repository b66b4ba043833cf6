using System.Buffers.Binary;
using System.Net;
using System.Text.Json.Nodes;
using AnBien.Bot.Admin;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Summaries;

/// <summary>What heads, the council and administrators get out: scope and audit, the chart, the workbook, its link, the command line.</summary>
public sealed class SummaryOutputTests
{
    private static readonly Dictionary<string, string?> PublicAddress = new() { ["Bot:PublicBaseUrl"] = "https://vanhoa.example.vn/bot" };

    [Fact]
    public async Task HeadSeesTheirUnitAndSubunitsCouncilAnyUnitStaffNoneAndEveryRequestIsAudited()
    {
        var (app, _) = await GeneratedOrganisation.CreateAsync("Sqlite");
        await using var _app = app;
        var desk = app.Services.GetRequiredService<SummaryDesk>();
        await using var db = app.CreateDbContext();
        async Task<SummaryOutcome> Ask(string viewer, string unit, bool subunits = false) =>
            await desk.ForAsync(db, await db.Staff.SingleAsync(s => s.Code == viewer), new SummaryRequest(unit, subunits, SummaryPeriod.Parse("2026-09")), SummaryAudit.View, default);

        Assert.NotNull((await Ask("TP-A", "PA1")).Summary);
        var other = await Ask("TP-A", "PB");
        Assert.True(other.Denied);
        Assert.Null(other.Summary);
        Assert.True((await Ask("TP-A", "SO", subunits: true)).Denied);
        Assert.Equal("SO", (await Ask("HD", "SO", subunits: true)).Summary!.UnitCode);
        Assert.NotNull((await Ask("HD", "PB")).Summary);
        Assert.True((await Ask("CB001", "PA")).Denied);

        var audit = await db.Audit.OrderBy(a => a.Id).Select(a => $"{a.Actor} {a.Scope} {a.Outcome}").ToListAsync();
        Assert.Equal(["TP-A PA1 2026-09 allowed", "TP-A PB 2026-09 denied", "TP-A SO+ 2026-09 denied", "HD SO+ 2026-09 allowed", "HD PB 2026-09 allowed", "CB001 PA 2026-09 denied"], audit);
    }

    [Fact]
    public async Task ChartIsAPngOf720PixelsAndTheWorkbookHoldsTheSummarysFigures()
    {
        var (app, data) = await GeneratedOrganisation.CreateAsync("Sqlite");
        await using var _app = app;
        await using var db = app.CreateDbContext();
        var summary = (await app.Services.GetRequiredService<SummaryService>().ComputeAsync(db, "PA", true, SummaryPeriod.Parse("2026-09"), default))!;

        var png = SummaryChart.Render(app.Services.GetRequiredService<TextCatalog>(), "vi", summary);
        Assert.Equal("\u0089PNG", System.Text.Encoding.Latin1.GetString(png, 0, 4));
        Assert.Equal((720u, 720u), (BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20))));

        using var stream = new MemoryStream();
        await app.Services.GetRequiredService<SummaryWorkbook>().WriteAsync(db, summary, "vi", stream, default);
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        Assert.Equal(["Tổng hợp", "Câu trả lời", "Chưa nộp", "Việc tốt", "Từng người", "Tập thể"], workbook.Worksheets.Select(w => w.Name));
        var sheet = workbook.Worksheet("Tổng hợp");
        Assert.Equal("Số người phải nộp", sheet.Cell(SummaryWorkbook.ExpectedRow, 1).GetString());
        Assert.Equal(summary.Expected, sheet.Cell(SummaryWorkbook.ExpectedRow, 2).GetValue<int>());
        Assert.Equal(summary.Submitted, sheet.Cell(SummaryWorkbook.SubmittedRow, 2).GetValue<int>());
        Assert.Equal(summary.AveragePercent, sheet.Cell(SummaryWorkbook.AverageRow, 2).GetValue<decimal>());
        Assert.Equal(summary.Previous!.AveragePercent, sheet.Cell(SummaryWorkbook.PreviousRow, 2).GetValue<decimal>());

        var submissions = data.Submissions.Where(s => s.Month == "2026-09" && s.UnitCode is "PA" or "PA1").ToList();
        var answers = workbook.Worksheet("Câu trả lời");
        Assert.Equal(submissions.Sum(s => s.Points.Count), answers.LastRowUsed().RowNumber() - 1);
        Assert.Equal(submissions.Sum(s => s.Points.Values.Sum()), answers.Column(7).CellsUsed().Skip(1).Sum(c => c.GetValue<int>()));
        var people = workbook.Worksheet("Từng người");
        Assert.Equal(submissions.Select(s => s.StaffCode).Order(StringComparer.Ordinal), people.Column(3).CellsUsed().Skip(1).Select(c => c.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(summary.NotSubmitted.Count, workbook.Worksheet("Chưa nộp").RowsUsed().Count() - 1);
        Assert.Equal(summary.GoodDeeds.Count, workbook.Worksheet("Việc tốt").RowsUsed().Count() - 1);
    }

    [Fact]
    public async Task WorkbookLinkOpensForADayThenIsGoneAndATamperedLinkIsNotFound()
    {
        var (app, _) = await GeneratedOrganisation.CreateAsync("Sqlite", settings: PublicAddress);
        await using var _app = app;
        var links = app.Services.GetRequiredService<SummaryLinks>();
        int head;
        await using (var db = app.CreateDbContext()) head = (await db.Staff.SingleAsync(s => s.Code == "TP-A")).Id;
        var link = links.For(SummaryLinks.WorkbookKind, head, new SummaryRequest("PA", true, SummaryPeriod.Parse("2026-09")), "vi")!;
        Assert.StartsWith("https://vanhoa.example.vn/bot/summaries/xlsx/", link.AbsoluteUri, StringComparison.Ordinal);
        var client = app.CreateClient();

        var response = await client.GetAsync(link.AbsolutePath["/bot".Length..]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SummaryEndpoints.WorkbookContentType, response.Content.Headers.ContentType!.MediaType);
        using (var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync())) Assert.Equal(6, workbook.Worksheets.Count);

        var path = link.AbsolutePath["/bot".Length..];
        var tampered = path[..^3] + (path[^3] == 'A' ? 'B' : 'A') + path[^2..];
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(tampered)).StatusCode);
        var denied = links.For(SummaryLinks.WorkbookKind, head, new SummaryRequest("PB", false, SummaryPeriod.Parse("2026-09")), "vi")!;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(denied.AbsolutePath["/bot".Length..])).StatusCode);
        var chart = links.For(SummaryLinks.ChartKind, head, new SummaryRequest("PA", false, SummaryPeriod.Parse("2026-09")), "vi")!;
        var png = await client.GetAsync(chart.AbsolutePath["/bot".Length..]);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);

        app.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);

        await using var check = app.CreateDbContext();
        Assert.Equal(["summary.workbook PA+ 2026-09 allowed", "summary.workbook PB 2026-09 denied", "summary.chart PA 2026-09 allowed"],
            await check.Audit.OrderBy(a => a.Id).Select(a => $"{a.Action} {a.Scope} {a.Outcome}").ToListAsync());
    }

    [Fact]
    public async Task LinksAreOmittedWithoutAPublicAddress()
    {
        var (app, _) = await GeneratedOrganisation.CreateAsync("Sqlite");
        await using var _app = app;
        Assert.Null(app.Services.GetRequiredService<SummaryLinks>().For(SummaryLinks.WorkbookKind, 1, new SummaryRequest("PA", false, SummaryPeriod.Parse("2026-09")), "vi"));
    }

    [Fact]
    public async Task SummaryCommandPrintsTheJsonContractAndAuditListsItAsCsv()
    {
        var (app, data) = await GeneratedOrganisation.CreateAsync("Sqlite");
        await using var _app = app;
        var (code, output, _) = await RunAsync(app, "summary", "--unit", "PA", "--period", "2026-09", "--format", "json");
        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!.AsObject();
        foreach (var key in new[] { "unit", "period", "expected", "submitted", "notSubmitted", "averagePercent", "groups", "items", "classifications", "previous" })
        {
            Assert.True(json.ContainsKey(key), key);
        }

        var expected = new IndependentFigures(data, ["PA"], ["2026-09"]);
        Assert.Equal((expected.Expected, expected.Submitted, expected.AveragePercent), ((int)json["expected"]!, (int)json["submitted"]!, (decimal?)json["averagePercent"]));
        Assert.Equal(expected.NotSubmitted, json["notSubmitted"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal));
        Assert.Equal(new IndependentFigures(data, ["PA"], ["2026-08"]).Submitted, (int)json["previous"]!["submitted"]!);
        Assert.Equal(["code", "name", "averagePercent"], json["groups"]![0]!.AsObject().Select(p => p.Key));
        Assert.True(json["classifications"]!["proposed"]!.AsObject().Count > 0);

        (code, output, _) = await RunAsync(app, "summary", "--unit", "PA", "--period", "2026-09");
        Assert.StartsWith("Tổng hợp Phòng Tổ chức – tháng 9/2026\nĐã nộp ", output.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);

        (code, output, _) = await RunAsync(app, "audit", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.Trim().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Equal("at,actor,action,scope,outcome", lines[0]);
        Assert.EndsWith(",cli,summary.view,PA 2026-09,allowed", lines[1], StringComparison.Ordinal);
        Assert.Equal(3, lines.Count);

        (code, _, var error) = await RunAsync(app, "summary", "--unit", "PA", "--period", "2026-13");
        Assert.Equal(2, code);
        Assert.Contains("not a month", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(Support.BotApplication app, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AdminCommandLine.RunAsync(app.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
