using System.Net;
using System.Text;
using AnBien.Bot.Conversations;
using AnBien.Bot.Tests.Channels.WebChat;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Conversations;

/// <summary>Text that SQLite stores and PostgreSQL refuses: NUL, a half emoji left by a cut, over-long ids.</summary>
public sealed class PlainTextTests
{
    [Theory]
    [InlineData("ab😀", 3, "ab")]
    [InlineData("ab😀cd", 4, "ab😀")]
    [InlineData("Việt", 2, "Vi")]
    [InlineData("e\u0301e\u0301", 3, "e\u0301")]
    [InlineData("short", 10, "short")]
    public void CutNeverSplitsACharacter(string text, int max, string expected) =>
        Assert.Equal(expected, PlainText.Cut(text, max));

    [Fact]
    public void CleanDropsNulAndReplacesUnpairedSurrogates()
    {
        Assert.Equal("ab", PlainText.Clean("a\0b"));
        Assert.Equal("a\uFFFDb", PlainText.Clean("a\uD83Db"));
        Assert.Equal("😀", PlainText.Clean("😀"));
        Assert.Equal("\uFFFD", PlainText.Clean("\uDE00"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DirectLineMessageCutInsideAnEmojiIsStoredWhole(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        var chat = await DirectLineClient.StartAsync(app.CreateClient());
        var text = new string('a', 3999) + "😀";

        await chat.SayAsync(text);
        var echo = (await chat.ReadAsync())[0]["text"]!.GetValue<string>();

        Assert.Equal(new string('a', 3999), echo);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NulAndHalfEmojiInAGoodDeedAreStoredCleanly(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        var first = (await chat.SayAsync("Bắt đầu"))[^1];
        await AssessmentWalk.AnswerAllAsync(chat, first);
        var note = "Giúp\0 đồng nghiệp " + new string('x', 1980) + "😀😀😀";

        // Back to the good deed from the review, then type it: what is stored is cut between characters, without NUL.
        await chat.SayAsync("quay lại");
        await chat.SayAsync(note);

        await using var db = app.CreateDbContext();
        var stored = await db.Assessments.Select(a => a.GoodDeed).SingleAsync();
        Assert.NotNull(stored);
        Assert.DoesNotContain('\0', stored);
        Assert.StartsWith("Giúp đồng nghiệp", stored, StringComparison.Ordinal);
        Assert.True(stored.Length <= 2000);
        Assert.False(char.IsHighSurrogate(stored[^1]));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OverLongIdsGet400AndNothingIsStored(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        using var http = app.CreateClient();
        string Activity(string channel, string conversation, string from, string id) =>
            $$"""{"type":"message","id":"{{id}}","channelId":"{{channel}}","serviceUrl":"http://connector.test/","from":{"id":"{{from}}"},"conversation":{"id":"{{conversation}}"},"text":"xin chào"}""";
        var tenKb = new string('c', 10 * 1024);

        var statuses = new List<HttpStatusCode>();
        foreach (var body in new[] { Activity(tenKb, "c", "u", "1"), Activity("emulator", tenKb, "u", "2"), Activity("emulator", "c", tenKb, "3"), Activity("emulator", "c", "u", tenKb) })
        {
            using var response = await http.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Empty(app.Connector.Requests);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.ProcessedActivities.CountAsync());
    }
}
