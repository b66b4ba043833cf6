using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Assessment;

public sealed class PeriodTests
{
    [Fact]
    public async Task SubmittedAssessmentCanBeEditedUntilTheCloseAndIsRefusedAfterIt()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        var first = (await chat.SayAsync("Bắt đầu"))[^1];
        await AssessmentWalk.AnswerAllAsync(chat, first);
        await chat.SayAsync("Gửi");

        var reopened = await chat.SayAsync("tự đánh giá");
        Assert.Contains("Anh/chị đã gửi tự đánh giá tháng 11/2026", reopened[^1].Text, StringComparison.Ordinal);
        await chat.SayAsync("Xem lại và sửa");
        await chat.SayAsync("Sửa");
        var item3 = await chat.SayAsync("3");
        Assert.StartsWith("Câu 3/34", item3[^1].Text, StringComparison.Ordinal);
        var review = await chat.SayAsync("Đôi khi");
        Assert.Contains("Tổng điểm: 61/62", review[^1].Text, StringComparison.Ordinal);
        var receipt = await chat.SayAsync("Gửi");
        Assert.Contains("Đã cập nhật tự đánh giá tháng 11/2026", receipt[0].Text, StringComparison.Ordinal);

        // 6 December 00:00 in Vietnam: the period has closed.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime());
        var closed = await chat.SayAsync("tự đánh giá");
        Assert.Contains("Kỳ tự đánh giá tháng 11/2026 đã đóng", closed[^1].Text, StringComparison.Ordinal);
        Assert.Contains("Kỳ tới mở ngày 25/12/2026", closed[^1].Text, StringComparison.Ordinal);

        await using var db = app.CreateDbContext();
        var a = await db.Assessments.Include(x => x.Answers).SingleAsync();
        Assert.Equal("DK", a.Answers.Single(x => x.ItemCode == "CN-A-3").ChoiceCode);
        Assert.Equal(61, a.TotalPoints);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero), a.SubmittedAt);
    }

    [Fact]
    public async Task AnswerAfterTheCloseIsRefusedPolitelyAndNothingChanges()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");
        await chat.SayAsync("Thường xuyên");

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime());
        var late = await chat.SayAsync("Thường xuyên");

        Assert.Contains("đã đóng lúc 00:00 06/12/2026; câu trả lời không thể thay đổi nữa", late[^1].Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Answers.CountAsync());
    }

    [Fact]
    public async Task BetweenTheCloseAndTheNextOpeningThereIsNoPeriod()
    {
        await using var app = await BotApplication.StartAsync(now: new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.FromHours(7)));

        var replies = await app.Chat().SayAsync("tự đánh giá");

        Assert.Contains("Hiện chưa có kỳ tự đánh giá nào đang mở. Kỳ tới mở ngày 25/11/2026", replies[^1].Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Periods.CountAsync());
    }

    [Fact]
    public async Task PeriodRecordsTheCatalogueItRanWith()
    {
        await using var app = await BotApplication.StartAsync();
        await app.Chat().SayAsync("tự đánh giá");

        await using var db = app.CreateDbContext();
        var period = await db.Periods.SingleAsync();
        Assert.Equal(("2026-11", "kh-118-2019", "2019.1"), (period.Month, period.CatalogueId, period.CatalogueVersion));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero), period.OpensAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 17, 0, 0, TimeSpan.Zero), period.ClosesAt);
        var snapshot = await db.CatalogueSnapshots.SingleAsync();
        Assert.Contains("Xin chào", snapshot.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameAsLastMonthFillsTheWholeGroupFromOctober()
    {
        await using var app = await BotApplication.StartAsync();
        await using (var db = app.CreateDbContext())
        {
            var staff = await db.Staff.SingleAsync(s => s.Code == "NV001");
            await app.Chat().SayAsync("menu"); // makes the catalogue snapshot exist via the first period
            var october = new Period
            {
                Month = "2026-10", OpensAt = new DateTimeOffset(2026, 10, 24, 17, 0, 0, TimeSpan.Zero),
                ClosesAt = new DateTimeOffset(2026, 11, 5, 17, 0, 0, TimeSpan.Zero), CatalogueId = "kh-118-2019", CatalogueVersion = "2019.1",
            };
            db.Periods.Add(october);
            await db.SaveChangesAsync();
            db.Assessments.Add(new AnBien.Bot.Storage.Assessment
            {
                StaffId = staff.Id, PeriodId = october.Id, UnitId = staff.UnitId, Status = AssessmentStatus.Submitted, Step = "done",
                StartedAt = october.OpensAt, UpdatedAt = october.OpensAt, SubmittedAt = october.OpensAt,
                Answers =
                [
                    new Answer { ItemCode = "CN-A-1", ChoiceCode = "DK", Points = 1 },
                    new Answer { ItemCode = "CN-A-2", ChoiceCode = "TX", Points = 2 },
                    new Answer { ItemCode = "CN-A-3", ChoiceCode = "CTH", Points = 0 },
                    new Answer { ItemCode = "CN-A-4", ChoiceCode = "TX", Points = 2 },
                ],
            });
            await db.SaveChangesAsync();
        }

        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        var first = await chat.SayAsync("Bắt đầu");
        Assert.Equal(["Thường xuyên", "Đôi khi", "Chưa thực hiện", "Giống tháng trước"], first[^1].Buttons);

        var filled = await chat.SayAsync("giong thang truoc");

        Assert.Equal("Đã điền 4 nội dung của nhóm a) Chấp hành nghiêm túc kỷ cương, kỷ luật hành chính theo tháng trước.", filled[0].Text);
        Assert.Equal(["Tiếp tục", "Thêm ghi chú"], filled[^1].Buttons);
        await using var check = app.CreateDbContext();
        var november = await check.Assessments.Include(a => a.Answers).SingleAsync(a => a.Period!.Month == "2026-11");
        Assert.Equal(["DK", "TX", "CTH", "TX"], november.Answers.OrderBy(a => a.ItemCode).Select(a => a.ChoiceCode));
    }

    [Fact]
    public async Task GroupNoteAndGoodDeedAreStored()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");
        for (var i = 0; i < 4; i++) await chat.SayAsync("TX");

        await chat.SayAsync("Thêm ghi chú");
        var next = await chat.SayAsync("Tháng này trực thay đồng nghiệp nghỉ ốm 3 ngày");
        Assert.Equal("Đã lưu ghi chú.", next[0].Text);
        Assert.StartsWith("Câu 5/34 · Nhóm b)", next[^1].Text, StringComparison.Ordinal);

        var review = await AssessmentWalk.AnswerAllAsync(chat, next[^1]);
        await chat.SayAsync("quay lại");
        await chat.SayAsync("Chị Trần Thị Hoa (Tổ Y tế) đề xuất số hóa sổ tiếp dân, giảm thời gian chờ");
        _ = review;

        await using var db = app.CreateDbContext();
        var a = await db.Assessments.Include(x => x.Notes).SingleAsync();
        Assert.Equal("CN-A", a.Notes.Single().GroupCode);
        Assert.Equal("Chị Trần Thị Hoa (Tổ Y tế) đề xuất số hóa sổ tiếp dân, giảm thời gian chờ", a.GoodDeed);
    }
}
