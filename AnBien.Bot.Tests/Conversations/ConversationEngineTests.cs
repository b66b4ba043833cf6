using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Conversations;

public sealed class ConversationEngineTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RedeliveredActivityChangesNothing(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");

        var first = await chat.SayAsync("Thường xuyên", activityId: "same-id");
        var again = await chat.SayAsync("Chưa thực hiện", activityId: "same-id");

        Assert.StartsWith("Câu 2/34", first[^1].Text, StringComparison.Ordinal);
        Assert.Empty(again);
        await using var db = app.CreateDbContext();
        var answer = await db.Answers.SingleAsync();
        Assert.Equal(("CN-A-1", "TX"), (answer.ItemCode, answer.ChoiceCode));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoMessagesAtOnceInOneConversationAreHandledOneAfterTheOther(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");

        await Task.WhenAll(chat.SayAsync("Thường xuyên"), chat.SayAsync("Đôi khi"));

        await using var db = app.CreateDbContext();
        var answers = await db.Answers.OrderBy(a => a.ItemCode).Select(a => a.ItemCode).ToListAsync();
        Assert.Equal(["CN-A-1", "CN-A-2"], answers);
        var assessment = await db.Assessments.SingleAsync();
        Assert.Equal(2, assessment.Cursor);
    }

    // Multi-instance deployments are PostgreSQL deployments; without a server this is reported skipped.
    [SkippableFact]
    public async Task TwoInstancesOnOneDatabaseNeverDoubleAnAnswer()
    {
        await using var database = await TestDatabase.CreateAsync("Postgres");
        await using var a = BotApplication.StartOn(database);
        await using var b = BotApplication.StartOn(database);
        var chatA = a.Chat();
        var chatB = chatA.On(b);
        await chatA.SayAsync("tự đánh giá");
        await chatA.SayAsync("Bắt đầu");

        await Task.WhenAll(chatA.SayAsync("Thường xuyên", activityId: "dup"), chatB.SayAsync("Thường xuyên", activityId: "dup"));

        await using var db = database.Factory.Create();
        Assert.Equal(1, await db.Answers.CountAsync());
        Assert.Equal(1, await db.ProcessedActivities.CountAsync(p => p.ActivityId == "dup"));
    }

    // Each instance keeps the conversations it served in memory; the row version must still make it see what another
    // instance did meanwhile, instead of answering the question it remembers.
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AConversationAnotherInstanceMovedOnGoesOnWhereThatInstanceLeftIt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var a = BotApplication.StartOn(database);
        await using var b = BotApplication.StartOn(database);
        var chatA = a.Chat();
        var chatB = chatA.On(b);
        await chatA.SayAsync("tự đánh giá");
        await chatA.SayAsync("Bắt đầu");
        await chatA.SayAsync("Thường xuyên");

        var onB = await chatB.SayAsync("Đôi khi");
        var backOnA = await chatA.SayAsync("Chưa thực hiện");

        Assert.StartsWith("Câu 3/34", onB[^1].Text, StringComparison.Ordinal);
        Assert.StartsWith("Câu 4/34", backOnA[^1].Text, StringComparison.Ordinal);
        await using var db = database.Factory.Create();
        var answers = await db.Answers.OrderBy(x => x.ItemCode).Select(x => x.ItemCode + "=" + x.ChoiceCode).ToListAsync();
        Assert.Equal(["CN-A-1=TX", "CN-A-2=DK", "CN-A-3=CTH"], answers);
    }

    [Theory]
    [InlineData("thuong xuyen", "TX")]
    [InlineData("THƯỜNG XUYÊN", "TX")]
    [InlineData("2", "TX")]
    [InlineData("TX", "TX")]
    [InlineData("tx", "TX")]
    [InlineData("doi khi", "DK")]
    [InlineData("1", "DK")]
    [InlineData("Đôi khi.", "DK")]
    [InlineData("0", "CTH")]
    [InlineData("chua thuc hien", "CTH")]
    [InlineData("cth", "CTH")]
    public async Task AnswersTypedAnyWayAreUnderstood(string typed, string stored)
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tu danh gia");
        await chat.SayAsync("bat dau");

        var replies = await chat.SayAsync(typed);

        Assert.StartsWith("Câu 2/34", replies[^1].Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(stored, (await db.Answers.SingleAsync()).ChoiceCode);
    }

    [Fact]
    public async Task AnswerMatchingNothingIsRepromptedAndAfterThreeMissesTheMenuIsOffered()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");

        var miss1 = await chat.SayAsync("có lẽ");
        Assert.Equal("Tôi chưa hiểu câu trả lời. Anh/chị bấm một nút hoặc gõ số tương ứng.\nGõ số: 2 = Thường xuyên, 1 = Đôi khi, 0 = Chưa thực hiện", miss1[0].Text);
        Assert.StartsWith("Câu 1/34", miss1[^1].Text, StringComparison.Ordinal);
        await chat.SayAsync("5");
        var miss3 = await chat.SayAsync("???");

        Assert.Contains("chưa khớp lựa chọn nào", miss3[^1].Text, StringComparison.Ordinal);
        Assert.Equal(["Tiếp tục tự đánh giá", "Trợ giúp"], miss3[^1].Buttons);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Answers.CountAsync());

        var resumed = await chat.SayAsync("Tiếp tục tự đánh giá");
        Assert.StartsWith("Câu 1/34", resumed[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackGoesToThePreviousItemAndTheNewAnswerReplacesTheOld()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");
        await chat.SayAsync("Thường xuyên");

        var back = await chat.SayAsync("quay lại");
        Assert.StartsWith("Câu 1/34", back[^1].Text, StringComparison.Ordinal);
        await chat.SayAsync("Đôi khi");

        await using var db = app.CreateDbContext();
        var answer = await db.Answers.SingleAsync();
        Assert.Equal(("CN-A-1", "DK", 1), (answer.ItemCode, answer.ChoiceCode, answer.Points));
    }

    [Fact]
    public async Task PausingThenWritingOnAnotherChannelResumesAtTheSameItem()
    {
        await using var app = await BotApplication.StartAsync();
        var teams = app.Chat();
        await teams.SayAsync("tự đánh giá");
        await teams.SayAsync("Bắt đầu");
        await teams.SayAsync("2");
        await teams.SayAsync("2");

        var paused = await teams.SayAsync("để sau");
        Assert.Contains("Đã tạm dừng. Đã lưu 2/34 câu trả lời", paused[^1].Text, StringComparison.Ordinal);

        var web = app.Chat(userId: "web-user-1", channel: "webchat");
        var resumed = await web.SayAsync("chào");
        Assert.Contains(resumed, r => r.Text.Contains("đã trả lời 2/34", StringComparison.Ordinal));
        Assert.StartsWith("Câu 3/34", resumed[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelStopsTheDialogButKeepsTheAnswers()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");
        await chat.SayAsync("Thường xuyên");

        var cancelled = await chat.SayAsync("hủy");

        Assert.Equal("Đã hủy. Các câu trả lời đã lưu vẫn được giữ nguyên.", cancelled[0].Text);
        Assert.Equal(["Tự đánh giá", "Kết quả của tôi", "Dữ liệu của tôi", "Trợ giúp"], cancelled[^1].Buttons);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Answers.CountAsync());
        var again = await chat.SayAsync("tự đánh giá");
        Assert.StartsWith("Câu 2/34", again[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownUserCanOnlyLinkOrAskForHelp()
    {
        await using var app = await BotApplication.StartAsync();
        var stranger = app.Chat(userId: "29:stranger", aadObjectId: "11111111-2222-4333-8444-555555555555");

        var hello = await stranger.SayAsync("tự đánh giá");
        var help = await stranger.SayAsync("trợ giúp");

        Assert.Contains("nhập mã kích hoạt 8 ký tự", hello[0].Text, StringComparison.Ordinal);
        Assert.Contains("chưa được liên kết", help[0].Text, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Assessments.CountAsync());
        Assert.Equal(0, await db.ChannelAccounts.CountAsync());
    }

    [Fact]
    public async Task ClickOnAnOldQuestionIsNotRecordedAgainstTheCurrentOne()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");
        await using (var db = app.CreateDbContext())
        {
            _ = await db.Assessments.SingleAsync();
        }

        await chat.SayAsync("Thường xuyên");
        var stale = await chat.SayAsync("", value: new { choice = "CTH", prompt = "a1:item:CN-A-1:0" });

        Assert.Contains("thuộc câu hỏi trước", stale[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Câu 2/34", stale[^1].Text, StringComparison.Ordinal);
        await using var check = app.CreateDbContext();
        Assert.Equal("TX", (await check.Answers.SingleAsync()).ChoiceCode);
    }
}
