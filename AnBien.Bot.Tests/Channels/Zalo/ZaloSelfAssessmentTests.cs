using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Channels.Zalo;

public sealed class ZaloSelfAssessmentTests
{
    [Fact]
    public async Task ZaloUserCompletesTheSelfAssessmentWithButtonsOnly()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        const string user = "6142494823000000030";
        await zalo.LinkAsync(user, "NV001");

        var menu = (await zalo.SayAsync(user, "Xin chào"))[^1];
        Assert.Equal(["Tự đánh giá", "Kết quả của tôi", "Dữ liệu của tôi", "Trợ giúp"], menu.Buttons);
        var intro = (await zalo.PressAsync(user, menu, "Tự đánh giá"))[^1];
        Assert.Equal(["Bắt đầu", "Để sau"], intro.Buttons);
        var last = (await zalo.PressAsync(user, intro, "Bắt đầu"))[^1];
        Assert.StartsWith("Câu 1/34", last.Text, StringComparison.Ordinal);

        for (var turns = 0; !last.Buttons.Contains("Gửi") && turns < 60; turns++)
        {
            var press = last.Buttons switch
            {
                var b when b.Contains("Không xảy ra") => "Không xảy ra",
                var b when b.Contains("Thêm ghi chú") => "Tiếp tục",
                var b when b.Contains("Bỏ qua") => "Bỏ qua",
                _ => "Thường xuyên",
            };
            last = (await zalo.PressAsync(user, last, press))[^1];
        }

        Assert.Contains("Xem lại tự đánh giá tháng 11/2026", last.Text, StringComparison.Ordinal);
        var receipt = await zalo.PressAsync(user, last, "Gửi");
        Assert.Contains("Đã gửi tự đánh giá tháng 11/2026", receipt[0].Text, StringComparison.Ordinal);

        await using var db = zalo.App.CreateDbContext();
        var assessment = await db.Assessments.Include(a => a.Answers).Include(a => a.Staff).SingleAsync();
        Assert.Equal(("NV001", AssessmentStatus.Submitted, 34), (assessment.Staff!.Code, assessment.Status, assessment.Answers.Count));
    }

    [Fact]
    public async Task ZaloUserTypesAnswersWithoutDiacritics()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        const string user = "6142494823000000031";
        await zalo.LinkAsync(user, "NV002");

        await zalo.SayAsync(user, "tu danh gia");
        var last = (await zalo.SayAsync(user, "bat dau"))[^1];
        var typed = new[] { "thuong xuyen", "doi khi", "chua thuc hien", "TX" };
        for (var turns = 0; !last.Buttons.Contains("Gửi") && turns < 60; turns++)
        {
            var answer = last.Buttons switch
            {
                var b when b.Contains("Không xảy ra") => "khong xay ra",
                var b when b.Contains("Thêm ghi chú") => "tiep tuc",
                var b when b.Contains("Bỏ qua") => "bo qua",
                _ => typed[turns % typed.Length],
            };
            last = (await zalo.SayAsync(user, answer))[^1];
        }

        var receipt = await zalo.SayAsync(user, "gui");
        Assert.Contains("Đã gửi tự đánh giá tháng 11/2026", receipt[0].Text, StringComparison.Ordinal);

        await using var db = zalo.App.CreateDbContext();
        var answers = await db.Answers.ToListAsync();
        Assert.Equal(36, answers.Count); // NV002 heads a unit, so the two leader items are asked too
        Assert.Equal(["CTH", "DK", "TX"], answers.Select(a => a.ChoiceCode).Where(c => c is "TX" or "DK" or "CTH").Distinct().Order());
    }

    [Fact]
    public async Task ButtonOfAnEarlierQuestionIsNotRecordedAgainstTheCurrentOne()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        const string user = "6142494823000000032";
        await zalo.LinkAsync(user, "NV001");
        var intro = (await zalo.SayAsync(user, "tự đánh giá"))[^1];
        var first = (await zalo.PressAsync(user, intro, "Bắt đầu"))[^1];
        await zalo.PressAsync(user, first, "Thường xuyên");

        var stale = await zalo.PressAsync(user, first, "Chưa thực hiện");

        Assert.Contains("thuộc câu hỏi trước", stale[0].Text, StringComparison.Ordinal);
        await using var db = zalo.App.CreateDbContext();
        Assert.Equal("TX", (await db.Answers.SingleAsync()).ChoiceCode);
    }
}
