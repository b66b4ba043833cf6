using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Campaigns;

/// <summary>
/// Campaign questions in the self-assessment (docs/campaigns.md): asked after the plan's items, stored apart, and
/// scored outside the plan's maximum, on SQLite and PostgreSQL.
/// </summary>
public sealed class CampaignAnswerTests
{
    private const string Smoking = "Không có khói thuốc lá tại công sở và nơi công cộng";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task GoodOrBadCampaignAnswersLeaveTheTotalAndClassificationAlone(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        await ScriptCampaign.AddAsync(app, Smoking);
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        var first = (await chat.SayAsync("Bắt đầu"))[^1];

        // Item 6 "Chưa thực hiện" so the total is not simply the maximum; both campaign questions answered well ("Thường xuyên", "Có").
        var review = await AssessmentWalk.AnswerAllAsync(chat, first, n => n is 6 ? "Chưa thực hiện" : "Thường xuyên");
        Assert.Contains("Tổng điểm: 60/62 (96,8%)", review.Text, StringComparison.Ordinal);
        Assert.Contains($"Chiến dịch: {Smoking} (không tính điểm):", review.Text, StringComparison.Ordinal);
        var good = string.Join("\n", (await chat.SayAsync("Gửi")).Select(r => r.Text));
        var (goodScore, goodAnswers) = await StoredAsync(app);
        Assert.Equal(["TX", "CO"], goodAnswers);

        // The same person changes both campaign answers to the worst ("chua thuc hien", "khong": typed without diacritics) and submits again.
        Assert.Contains("Xem lại và sửa", (await chat.SayAsync("tự đánh giá"))[^1].Buttons);
        await chat.SayAsync("Xem lại và sửa");
        await chat.SayAsync("Sửa");
        Assert.Contains("Câu hỏi thêm 1/2", (await chat.SayAsync("35"))[^1].Text, StringComparison.Ordinal);
        await chat.SayAsync("chua thuc hien");
        await chat.SayAsync("Sửa");
        Assert.Contains("Câu hỏi thêm 2/2", (await chat.SayAsync("36"))[^1].Text, StringComparison.Ordinal);
        review = (await chat.SayAsync("khong"))[^1];
        Assert.Contains("36. Anh/chị đã nhắc nhở người hút thuốc lá tại công sở hoặc nơi công cộng: Không", review.Text, StringComparison.Ordinal);
        var bad = string.Join("\n", (await chat.SayAsync("Gửi")).Select(r => r.Text));
        var (badScore, badAnswers) = await StoredAsync(app);

        Assert.Equal(["CTH", "KHONG"], badAnswers);
        Assert.Equal(((int?)60, (int?)62, (string?)"HTXSNV"), goodScore);
        Assert.Equal(goodScore, badScore);
        Assert.Contains("Tổng điểm 60/62 (96,8%), đề xuất: Hoàn thành xuất sắc nhiệm vụ", good, StringComparison.Ordinal);
        Assert.Contains("Đã cập nhật tự đánh giá tháng 11/2026", bad, StringComparison.Ordinal);
        Assert.Contains("Tổng điểm 60/62 (96,8%), đề xuất: Hoàn thành xuất sắc nhiệm vụ", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmittedCampaignAnswersAppearInTheSummaryTextAndItsWorkbookSheet()
    {
        await using var app = await BotApplication.StartAsync();
        await ScriptCampaign.AddAsync(app, Smoking);
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await AssessmentWalk.AnswerAllAsync(chat, (await chat.SayAsync("Bắt đầu"))[^1]);
        await chat.SayAsync("Gửi");

        await using var db = app.CreateDbContext();
        var summary = (await app.Services.GetRequiredService<SummaryService>().ComputeAsync(db, "VP", false, SummaryPeriod.Parse("2026-11"), default))!;
        var text = SummaryText.Render(app.Services.GetRequiredService<TextCatalog>(), "vi", summary);
        Assert.Contains($"Chiến dịch “{Smoking}”, câu KTL-1: 1 trả lời (Thường xuyên 1, Đôi khi 0, Chưa thực hiện 0)", text, StringComparison.Ordinal);
        Assert.Contains($"Chiến dịch “{Smoking}”, câu KTL-2: 1 trả lời (Có 1, Không 0)", text, StringComparison.Ordinal);

        using var stream = new MemoryStream();
        await app.Services.GetRequiredService<SummaryWorkbook>().WriteAsync(db, summary, "vi", stream, default);
        stream.Position = 0;
        using var workbook = new ClosedXML.Excel.XLWorkbook(stream);
        var sheet = workbook.Worksheet("Chiến dịch");
        string[] Row(int r) => [.. Enumerable.Range(1, 6).Select(c => sheet.Cell(r, c).GetString())];
        Assert.Equal([Smoking, "KTL-1", "Trong tháng, anh/chị không hút thuốc lá tại công sở và nơi công cộng", "1", "Thường xuyên", "1"], Row(2));
        Assert.Equal([Smoking, "KTL-1", "Trong tháng, anh/chị không hút thuốc lá tại công sở và nơi công cộng", "1", "Chưa thực hiện", "0"], Row(4));
        Assert.Equal([Smoking, "KTL-2", "Anh/chị đã nhắc nhở người hút thuốc lá tại công sở hoặc nơi công cộng", "1", "Không", "0"], Row(6));
        Assert.Equal("", sheet.Cell(7, 1).GetString());
    }

    private static async Task<((int? Total, int? Max, string? Proposed) Score, List<string> Answers)> StoredAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var a = await db.Assessments.AsNoTracking().SingleAsync();
        Assert.Equal(AssessmentStatus.Submitted, a.Status);
        var answers = await db.CampaignAnswers.AsNoTracking().Where(x => x.AssessmentId == a.Id).OrderBy(x => x.QuestionId).Select(x => x.ChoiceCode).ToListAsync();
        return ((a.TotalPoints, a.MaxPoints, a.ProposedClassification), answers);
    }
}
