using System.Text.Json.Nodes;
using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Dialogs;

/// <summary>The unit's collective assessment, stored per (period, unit), audited, and shown in the summary.</summary>
public sealed class CollectiveAssessmentTests
{
    private static ChatClient Minh(BotApplication app) => app.Chat("29:minh", "00000000-0000-4000-8000-000000000002");

    private static async Task SubmitAsync(ChatClient chat, string answer)
    {
        var intro = (await chat.SayAsync("đánh giá tập thể"))[^1];
        var first = intro.Buttons.Contains("Bắt đầu") ? (await chat.SayAsync("Bắt đầu"))[^1] : intro;
        await AssessmentWalk.AnswerAllAsync(chat, first, _ => answer);
        Assert.Contains((await chat.SayAsync("Gửi")), r => r.Text.Contains("Đã gửi đánh giá tập thể", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OneRowPerUnitAndPeriodTheLastEditWinsAndEverySubmissionIsAudited(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        var minh = Minh(app);
        await SubmitAsync(minh, "Đôi khi");
        // The head comes back before the close and changes item 3: the same row changes, and the change is audited.
        foreach (var said in new[] { "đánh giá tập thể", "Xem lại và sửa", "Sửa", "3", "Chưa thực hiện" }) await minh.SayAsync(said);
        Assert.Contains(await minh.SayAsync("Gửi"), r => r.Text.Contains("15/32 điểm", StringComparison.Ordinal));

        await using var db = app.CreateDbContext();
        var row = await db.UnitAssessments.Include(a => a.Answers).Include(a => a.Period).SingleAsync();
        var vp = await db.Units.SingleAsync(u => u.Code == "VP");
        Assert.Equal((vp.Id, "2026-11", AssessmentStatus.Submitted, "NV002"), (row.UnitId, row.Period!.Month, row.Status, row.UpdatedBy));
        Assert.Equal(16, row.Answers.Count);
        Assert.Equal("CTH", row.Answers.Single(x => x.ItemCode == "TT-A-3").ChoiceCode);
        Assert.All(row.Answers.Where(x => x.ItemCode != "TT-A-3"), x => Assert.Equal("DK", x.ChoiceCode));
        Assert.Equal((15, 32), (row.TotalPoints, row.MaxPoints));
        var audit = await db.Audit.Where(e => e.Action == CollectiveStore.SubmitAction).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal(("NV002", "VP 2026-11", "allowed"), (e.Actor, e.Scope, e.Outcome)));
        // The staff member's own self-assessment is untouched by the head's collective one.
        Assert.Empty(db.Assessments);
    }

    [Fact]
    public async Task SummaryJsonAndWorkbookCarryTheCollectiveFigure()
    {
        await using var app = await BotApplication.StartAsync();
        await SubmitAsync(Minh(app), "Thường xuyên");

        await using var db = app.CreateDbContext();
        var service = app.Services.GetRequiredService<SummaryService>();
        var vp = (await service.ComputeAsync(db, "VP", false, SummaryPeriod.Parse("2026-11"), default))!;
        var json = JsonNode.Parse(SummaryJson.Write(vp))!["collective"]!;
        Assert.Equal(100m, json["averagePercent"]!.GetValue<decimal>());
        Assert.Equal("VP", json["units"]![0]!["unit"]!.GetValue<string>());

        // A unit that has not assessed itself says so: no figure, not zero.
        var kt = (await service.ComputeAsync(db, "KT", false, SummaryPeriod.Parse("2026-11"), default))!;
        Assert.Null(JsonNode.Parse(SummaryJson.Write(kt))!["collective"]!["averagePercent"]);

        using var stream = new MemoryStream();
        await app.Services.GetRequiredService<SummaryWorkbook>().WriteAsync(db, vp, "vi", stream, default);
        stream.Position = 0;
        using var workbook = new ClosedXML.Excel.XLWorkbook(stream);
        var sheet = workbook.Worksheet("Tập thể");
        Assert.Equal(["2026-11", "VP", "32", "32", "100"], Enumerable.Range(1, 5).Select(c => sheet.Cell(2, c).GetString()));
    }
}
