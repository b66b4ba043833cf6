using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Review;

/// <summary>The head's review ("duyệt") with the demo directory: Lan (NV001, VP), Minh (NV002, head of VP), Thành (NV009, head of KT).</summary>
public sealed class ReviewDialogTests
{
    private const string Reason = "Đã chủ động hoàn thành việc đột xuất";

    private static ChatClient Minh(BotApplication app) => app.Chat("29:minh", "00000000-0000-4000-8000-000000000002");

    private static ChatClient Thanh(BotApplication app) => app.Chat("29:thanh", "00000000-0000-4000-8000-000000000009");

    private static async Task SubmitAsync(ChatClient chat)
    {
        await chat.SayAsync("tự đánh giá");
        var replies = await chat.SayAsync("Bắt đầu");
        await AssessmentWalk.AnswerAllAsync(chat, replies[^1], _ => "Đôi khi");
        await chat.SayAsync("Gửi");
    }

    private static bool Says(IReadOnlyList<BotReply> replies, string text) => replies.Any(r => r.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task AdjustedLevelNeedsAReasonAndThePersonIsTold()
    {
        await using var app = await BotApplication.StartAsync();
        await SubmitAsync(app.Chat());
        var minh = Minh(app);

        var list = await minh.SayAsync("duyet");
        Assert.True(Says(list, "Nguyễn Thị Lan – tháng 11/2026 – đề xuất: Hoàn thành nhiệm vụ"), string.Join("\n", list));
        var detail = await minh.SayAsync("1");
        Assert.Equal(["Đồng ý", "Điều chỉnh", "Danh sách"], detail[^1].Buttons);
        await minh.SayAsync("Điều chỉnh");
        await minh.SayAsync("Hoàn thành tốt nhiệm vụ");
        var noReason = await minh.SayAsync("2");
        Assert.True(Says(noReason, "Cần có lý do"), string.Join("\n", noReason));
        var done = await minh.SayAsync(Reason);

        Assert.True(Says(done, "Đã điều chỉnh xếp loại của Nguyễn Thị Lan thành “Hoàn thành tốt nhiệm vụ”"), string.Join("\n", done));
        await using var db = app.CreateDbContext();
        var a = await db.Assessments.Include(x => x.Staff).SingleAsync(x => x.Staff!.Code == "NV001");
        Assert.Equal(("HTTNV", "NV002", Reason), (a.ConfirmedClassification, a.ConfirmedBy, a.ReviewReason));
        Assert.Contains(await db.Audit.ToListAsync(), e => e is { Actor: "NV002", Action: "review.adjust", Outcome: "allowed" });
    }

    [Fact]
    public async Task HeadCannotReviewOutsideTheirUnitOrThemself()
    {
        await using var app = await BotApplication.StartAsync();
        await SubmitAsync(app.Chat());
        var minh = Minh(app);
        await SubmitAsync(minh);

        Assert.True(Says(await Thanh(app).SayAsync("duyệt"), "Hiện không có bài tự đánh giá nào chờ anh/chị duyệt."));
        var list = await minh.SayAsync("duyệt");
        Assert.True(Says(list, "Nguyễn Thị Lan"));
        Assert.False(Says(list, "Trần Văn Minh"), string.Join("\n", list));

        await using var db = app.CreateDbContext();
        var own = await db.Assessments.SingleAsync(x => x.Staff!.Code == "NV002");
        // A crafted button value for his own submission is refused and audited.
        var refused = await minh.SayAsync($"pick:{own.Id}");
        Assert.False(Says(refused, "Trần Văn Minh – tự đánh giá"), string.Join("\n", refused));
        Assert.Null((await db.Assessments.AsNoTracking().SingleAsync(x => x.Id == own.Id)).ConfirmedClassification);
    }

    [Fact]
    public async Task EditAfterConfirmationSetsItBackToWaiting()
    {
        await using var app = await BotApplication.StartAsync();
        var lan = app.Chat();
        await SubmitAsync(lan);
        var minh = Minh(app);
        await minh.SayAsync("duyệt");
        await minh.SayAsync("1");
        var agreed = await minh.SayAsync("Đồng ý");
        Assert.True(Says(agreed, "Đã xác nhận “Hoàn thành nhiệm vụ” cho Nguyễn Thị Lan"), string.Join("\n", agreed));
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal("HTNV", (await db.Assessments.SingleAsync(x => x.Staff!.Code == "NV001")).ConfirmedClassification);
        }

        await lan.SayAsync("tự đánh giá");
        await lan.SayAsync("1");
        await lan.SayAsync("Gửi");

        await using (var db = app.CreateDbContext())
        {
            var a = await db.Assessments.SingleAsync(x => x.Staff!.Code == "NV001");
            Assert.Null(a.ConfirmedClassification);
            Assert.Null(a.ConfirmedBy);
        }

        Assert.True(Says(await minh.SayAsync("duyệt"), "Nguyễn Thị Lan – tháng 11/2026 – đề xuất"));
    }
}
