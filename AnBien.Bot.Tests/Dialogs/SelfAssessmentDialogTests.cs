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
        Assert.Contains(opening, r => r.Text.Contains("tháng 11/2026: 36 nội dung", StringComparison.Ordinal));
        Assert.Contains(opening, r => r.Text.Contains("hết ngày 05/12/2026 (còn 7 ngày, 15 giờ)", StringComparison.Ordinal));
        Assert.Equal(["Bắt đầu", "Để sau"], opening[^1].Buttons);

        var first = (await chat.SayAsync("Bắt đầu"))[^1];
        Assert.StartsWith("Câu 1/36 · Nhóm a) Chấp hành nghiêm túc kỷ cương, kỷ luật hành chính", first.Text, StringComparison.Ordinal);
        Assert.Equal(["Thường xuyên", "Đôi khi", "Chưa thực hiện"], first.Buttons);

        var review = await AssessmentWalk.AnswerAllAsync(chat, first, n => n == 6 ? "Chưa thực hiện" : "Thường xuyên");
        Assert.Contains("Xem lại tự đánh giá tháng 11/2026", review.Text, StringComparison.Ordinal);
        Assert.Contains("Tổng điểm: 64/66 (97%)", review.Text, StringComparison.Ordinal);
        Assert.Contains("Đề xuất xếp loại: Hoàn thành xuất sắc nhiệm vụ", review.Text, StringComparison.Ordinal);
        Assert.Contains("6. Chủ động phối hợp", review.Text, StringComparison.Ordinal);
        Assert.Equal(["Gửi", "Sửa"], review.Buttons);

        var receipt = await chat.SayAsync("Gửi");
        Assert.Contains("Đã gửi tự đánh giá tháng 11/2026 lúc 09:00 28/11/2026. Tổng điểm 64/66 (97%)", receipt[0].Text, StringComparison.Ordinal);

        await using var db = app.CreateDbContext();
        var assessment = await db.Assessments.Include(a => a.Answers).Include(a => a.Staff).SingleAsync();
        Assert.Equal("NV001", assessment.Staff!.Code);
        Assert.Equal(AssessmentStatus.Submitted, assessment.Status);
        Assert.Equal(36, assessment.Answers.Count);
        Assert.Equal("CTH", assessment.Answers.Single(a => a.ItemCode == "CN-B-2").ChoiceCode);
        Assert.Equal(3, assessment.Answers.Count(a => a.ChoiceCode == "KXR"));
        Assert.Equal("HTXSNV", assessment.ProposedClassification);
    }
}
