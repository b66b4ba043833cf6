using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Dialogs;

public sealed class SelfAssessmentDialogTests
{
    [Fact]
    public async Task LinkedStaffCompletesNovemberAndEveryAnswerIsStored()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();

        var opening = await chat.SayAsync("tự đánh giá");
        Assert.Contains(opening, r => r.Text.Contains("tháng 11/2026: 36 nội dung", StringComparison.Ordinal));
        Assert.Equal(["Bắt đầu", "Để sau"], opening[^1].Buttons);

        var first = await chat.SayAsync("Bắt đầu");
        Assert.StartsWith("Câu 1/36", first[^1].Text, StringComparison.Ordinal);
        Assert.Equal(["Thường xuyên", "Đôi khi", "Chưa thực hiện"], first[^1].Buttons);

        var last = first[^1];
        for (var turns = 0; !last.Buttons.Contains("Gửi") && turns < 60; turns++)
        {
            var answer = last.Buttons switch
            {
                var b when b.Contains("Không xảy ra") => "Không xảy ra",
                var b when b.Contains("Thêm ghi chú") => "Tiếp tục",
                var b when b.Contains("Bỏ qua") => "Bỏ qua",
                _ when last.Text.StartsWith("Câu 6/36", StringComparison.Ordinal) => "Chưa thực hiện",
                _ => "Thường xuyên",
            };
            last = (await chat.SayAsync(answer))[^1];
        }

        var review = last;
        Assert.Contains("Xem lại tự đánh giá tháng 11/2026", review.Text, StringComparison.Ordinal);
        Assert.Equal(["Gửi", "Sửa"], review.Buttons);

        var receipt = await chat.SayAsync("Gửi");
        Assert.Contains("Đã gửi tự đánh giá tháng 11/2026", receipt[0].Text, StringComparison.Ordinal);

        await using var db = app.CreateDbContext();
        var assessment = await db.Assessments.Include(a => a.Answers).Include(a => a.Staff).SingleAsync();
        Assert.Equal("NV001", assessment.Staff!.Code);
        Assert.Equal(AssessmentStatus.Submitted, assessment.Status);
        Assert.Equal(36, assessment.Answers.Count);
        Assert.Equal("CTH", assessment.Answers.Single(a => a.ItemCode == "CN-B-2").ChoiceCode);
    }
}
