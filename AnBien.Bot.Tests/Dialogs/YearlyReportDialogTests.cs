using System.Net;
using AnBien.Bot.Reports;
using AnBien.Bot.Summaries;
using AnBien.Bot.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Dialogs;

/// <summary>"Báo cáo năm" and "đề xuất khen thưởng" in chat: the council's reply and workbook link, everyone else's refusal, the audit rows.</summary>
public sealed class YearlyReportDialogTests
{
    private static readonly Dictionary<string, string?> PublicAddress = new() { ["Bot:PublicBaseUrl"] = "https://vanhoa.example.vn/" };

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CouncilGetsTheYearAndALinkToTheWorkbook(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider, PublicAddress);
        var lan = app.Chat();
        await lan.SayAsync("tự đánh giá");
        await AssessmentWalk.AnswerAllAsync(lan, (await lan.SayAsync("Bắt đầu"))[^1]);
        await lan.SayAsync("Gửi");

        var reply = (await ChatAs(app, "NV006").SayAsync("bao cao nam 2026"))[^1];
        Assert.StartsWith("Báo cáo năm 2026 – UBND xã Tân Hòa (minh họa)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Đã nộp 1/", reply.Text, StringComparison.Ordinal);
        Assert.Contains("trong 1 tháng; điểm trung bình 100%.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Đơn vị dẫn đầu: Văn phòng HĐND và UBND 100%.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("0 người đủ tiêu chí", reply.Text, StringComparison.Ordinal);
        var link = new Uri(reply.Text[reply.Text.IndexOf("https://", StringComparison.Ordinal)..].Trim());
        Assert.StartsWith("https://vanhoa.example.vn/summaries/report/", link.AbsoluteUri, StringComparison.Ordinal);

        var response = await app.CreateClient().GetAsync(link.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(6, workbook.Worksheets.Count);
            var people = workbook.Worksheet("Cá nhân");
            var lanRow = people.RowsUsed().Single(r => r.Cell(2).GetString() == "NV001");
            Assert.Equal("Hoàn thành xuất sắc nhiệm vụ (đề xuất, chưa duyệt)", lanRow.Cell(YearlyWorkbook.FirstMonthColumn).GetString());
        }

        await using var db = app.CreateDbContext();
        var rows = await db.Audit.Where(a => a.Actor == "NV006").OrderBy(a => a.Id).Select(a => new { a.Action, a.Scope, a.Outcome }).ToListAsync();
        Assert.Equal([(ReportAudit.View, "XA+ 2026", SummaryAudit.Allowed), (ReportAudit.Workbook, "XA+ 2026", SummaryAudit.Allowed)],
            rows.Select(r => (r.Action, r.Scope, r.Outcome)));
    }

    [Fact]
    public async Task AwardWordsPutTheCandidatesFirstAndAYearWithoutPeriodsSaysSo()
    {
        await using var app = await BotApplication.StartAsync();
        await app.Chat().SayAsync("tự đánh giá");
        var council = ChatAs(app, "NV006");

        var reply = (await council.SayAsync("de xuat khen thuong"))[^1];
        Assert.StartsWith("Đề xuất khen thưởng năm 2026 – UBND xã Tân Hòa (minh họa)\nĐề xuất Giấy khen/Bằng khen: 0 người đủ tiêu chí, 0 người gần đạt.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Tiêu chí: nộp ít nhất 10 tháng, không quá 0 vi phạm, ít nhất 6 tháng được xác nhận “Hoàn thành tốt nhiệm vụ” trở lên", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", reply.Text, StringComparison.Ordinal);

        Assert.Contains("Năm 2025 chưa có đợt tự đánh giá nào", (await council.SayAsync("báo cáo năm 2025"))[^1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NV002", "báo cáo năm 2026")]
    [InlineData("NV001", "de xuat khen thuong")]
    [InlineData("NV002", "cmd:awards")]
    public async Task HeadsAndStaffAreRefusedPolitelyAndAudited(string code, string said)
    {
        await using var app = await BotApplication.StartAsync();

        var replies = await ChatAs(app, code).SayAsync(said);

        Assert.Contains("báo cáo năm và đề xuất khen thưởng chỉ dành cho Hội đồng", replies[^1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(replies, r => r.Text.Contains("Đã nộp", StringComparison.Ordinal));
        await using var db = app.CreateDbContext();
        var row = await db.Audit.SingleAsync();
        Assert.Equal((code, ReportAudit.View, ReportAudit.NoScope, SummaryAudit.Denied), (row.Actor, row.Action, row.Scope, row.Outcome));
    }

    [Fact]
    public async Task AWorkbookLinkMadeForAHeadIsNotFoundAndAudited()
    {
        await using var app = await BotApplication.StartAsync(settings: PublicAddress);
        int head;
        await using (var db = app.CreateDbContext()) head = (await db.Staff.SingleAsync(s => s.Code == "NV002")).Id;
        var link = app.Services.GetRequiredService<SummaryLinks>().For(ReportEndpoints.LinkKind, head, new SummaryRequest("XA", true, SummaryPeriod.Parse("2026")), "vi")!;

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(link.AbsolutePath)).StatusCode);
        await using var check = app.CreateDbContext();
        Assert.Equal(SummaryAudit.Denied, (await check.Audit.SingleAsync(a => a.Actor == "NV002")).Outcome);
    }

    private static ChatClient ChatAs(BotApplication app, string code)
    {
        using var db = app.CreateDbContext();
        var aad = db.Staff.AsNoTracking().Single(s => s.Code == code).TeamsObjectId;
        return app.Chat(userId: "29:" + code.ToLowerInvariant(), aadObjectId: aad);
    }
}
