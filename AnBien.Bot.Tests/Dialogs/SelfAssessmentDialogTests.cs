using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Dialogs;

public sealed class SelfAssessmentDialogTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LinkedStaffCompletesNovemberAndEveryAnswerIsStored(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        var chat = app.Chat();

        var opening = await chat.SayAsync("tự đánh giá");
        Assert.Contains(opening, r => r.Text.Contains("tháng 11/2026: 34 nội dung", StringComparison.Ordinal));
        Assert.Contains(opening, r => r.Text.Contains("hết ngày 05/12/2026 (còn 7 ngày, 15 giờ)", StringComparison.Ordinal));
        Assert.Equal(["Bắt đầu", "Để sau"], opening[^1].Buttons);

        var first = (await chat.SayAsync("Bắt đầu"))[^1];
        Assert.StartsWith("Câu 1/34 · Nhóm a) Chấp hành nghiêm túc kỷ cương, kỷ luật hành chính", first.Text, StringComparison.Ordinal);
        Assert.Equal(["Thường xuyên", "Đôi khi", "Chưa thực hiện"], first.Buttons);

        var review = await AssessmentWalk.AnswerAllAsync(chat, first, n => n == 6 ? "Chưa thực hiện" : "Thường xuyên");
        Assert.Contains("Xem lại tự đánh giá tháng 11/2026", review.Text, StringComparison.Ordinal);
        Assert.Contains("Tổng điểm: 60/62 (96,8%)", review.Text, StringComparison.Ordinal);
        Assert.Contains("Đề xuất xếp loại: Hoàn thành xuất sắc nhiệm vụ", review.Text, StringComparison.Ordinal);
        Assert.Contains("6. Chủ động phối hợp", review.Text, StringComparison.Ordinal);
        Assert.Equal(["Gửi", "Sửa"], review.Buttons);

        var receipt = await chat.SayAsync("Gửi");
        Assert.Contains("Đã gửi tự đánh giá tháng 11/2026 lúc 09:00 28/11/2026. Tổng điểm 60/62 (96,8%)", receipt[0].Text, StringComparison.Ordinal);
        // No review by the unit head exists yet, so the receipt must not promise one.
        Assert.DoesNotContain("xem xét, xác nhận", receipt[0].Text, StringComparison.Ordinal);
        Assert.Equal(["Tự đánh giá", "Kết quả của tôi", "Dữ liệu của tôi", "Trợ giúp"], receipt[^1].Buttons);

        await using var db = app.CreateDbContext();
        var assessment = await db.Assessments.Include(a => a.Answers).Include(a => a.Staff).SingleAsync();
        Assert.Equal("NV001", assessment.Staff!.Code);
        Assert.Equal(AssessmentStatus.Submitted, assessment.Status);
        Assert.Equal(34, assessment.Answers.Count);
        Assert.Equal("CTH", assessment.Answers.Single(a => a.ItemCode == "CN-B-2").ChoiceCode);
        Assert.Equal(3, assessment.Answers.Count(a => a.ChoiceCode == "KXR"));
        Assert.Equal("HTXSNV", assessment.ProposedClassification);
        // The two items for leaders are neither asked nor counted for a staff member.
        Assert.Equal((60, 62), (assessment.TotalPoints, assessment.MaxPoints));
        Assert.DoesNotContain(assessment.Answers, a => a.ItemCode is "CN-C-4" or "CN-D-4");
    }

    [Theory]
    [InlineData("00000000-0000-4000-8000-000000000004")] // NV004, Phó Chủ tịch: role "leader"
    [InlineData("00000000-0000-4000-8000-000000000002")] // NV002, Chánh Văn phòng: unit head
    public async Task LeadersAreAskedTheLeaderItemsAndScoredOnThem(string aadObjectId)
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat(userId: "29:leader", aadObjectId: aadObjectId);

        var opening = await chat.SayAsync("tự đánh giá");
        Assert.Contains(opening, r => r.Text.Contains("tháng 11/2026: 36 nội dung", StringComparison.Ordinal));
        var first = (await chat.SayAsync("Bắt đầu"))[^1];
        var review = await AssessmentWalk.AnswerAllAsync(chat, first);
        Assert.Contains("Tổng điểm: 66/66 (100%)", review.Text, StringComparison.Ordinal);
        await chat.SayAsync("Gửi");

        await using var db = app.CreateDbContext();
        var assessment = await db.Assessments.Include(a => a.Answers).SingleAsync();
        Assert.Equal((36, 66), (assessment.Answers.Count, assessment.MaxPoints));
        Assert.Contains(assessment.Answers, a => a.ItemCode == "CN-C-4");
        Assert.Contains(assessment.Answers, a => a.ItemCode == "CN-D-4");
    }

    [Fact]
    public async Task AnAssessmentUnderWayIsContinuedWhenTheNextMonthOpens()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");
        await chat.SayAsync("2");
        await chat.SayAsync("2");
        await chat.SayAsync("để sau");
        await OpenDecemberAsync(app);

        var resumed = await chat.SayAsync("tự đánh giá");
        Assert.Contains(resumed, r => r.Text.Contains("Tiếp tục tự đánh giá tháng 11/2026: đã trả lời 2/34", StringComparison.Ordinal));
        Assert.StartsWith("Câu 3/34", resumed[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoOpenMonthsWithNothingUnderWayAskWhichOne()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá"); // November opens on its own (AutoOpen); nothing answered yet
        await chat.SayAsync("hủy");
        await OpenDecemberAsync(app);

        var asked = await chat.SayAsync("tự đánh giá");
        Assert.Contains("Anh/chị muốn tự đánh giá tháng nào?", asked[^1].Text, StringComparison.Ordinal);
        Assert.Equal(["Tháng 11/2026", "Tháng 12/2026"], asked[^1].Buttons);

        var opening = await chat.SayAsync("Tháng 12/2026");
        Assert.Contains(opening, r => r.Text.Contains("Tự đánh giá văn hóa công sở tháng 12/2026", StringComparison.Ordinal));
        Assert.Equal(["Bắt đầu", "Để sau"], opening[^1].Buttons);

        await using var db = app.CreateDbContext();
        Assert.Contains(await db.Assessments.Select(a => a.Period!.Month).ToListAsync(), m => m == "2026-12");
    }

    [Fact]
    public async Task HelpNamesTheConfiguredContact()
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["Help:Contact"] = "chị Hoa, Phòng Nội vụ, số máy lẻ 12" });
        var help = await app.Chat().SayAsync("trợ giúp");
        Assert.Contains(help, r => r.Text.Contains("Cần hỏi thêm: chị Hoa, Phòng Nội vụ, số máy lẻ 12.", StringComparison.Ordinal));
    }

    /// <summary>December opened early by the council while November is still open (as `period open` does).</summary>
    private static async Task OpenDecemberAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var november = await db.Periods.SingleAsync(p => p.Month == "2026-11");
        db.Periods.Add(new Period
        {
            Month = "2026-12", OpensAt = november.OpensAt, ClosesAt = november.ClosesAt.AddDays(31),
            CatalogueId = november.CatalogueId, CatalogueVersion = november.CatalogueVersion,
        });
        await db.SaveChangesAsync();
    }
}
