using System.Net;
using System.Text;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Channels.BotFramework;

public sealed class BotFrameworkEndpointTests
{
    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task MalformedJsonGets400AndNothingIsStored(string body)
    {
        await using var app = await BotApplication.StartAsync();
        using var http = app.CreateClient();

        var response = await http.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(app.Connector.Requests);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Conversations.CountAsync());
    }

    [Fact]
    public async Task OversizedActivityGets413AndNothingIsStored()
    {
        await using var app = await BotApplication.StartAsync();
        using var http = app.CreateClient();
        var huge = new string('x', 300 * 1024);

        var response = await http.PostAsync("/api/messages", new StringContent(
            $$"""{"type":"message","id":"big","channelId":"emulator","serviceUrl":"http://connector.test/","from":{"id":"u"},"conversation":{"id":"c"},"text":"{{huge}}"}""",
            Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(app.Connector.Requests);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.ProcessedActivities.CountAsync());
    }

    [Fact]
    public async Task ActivityWithoutConversationGets400()
    {
        await using var app = await BotApplication.StartAsync();
        using var http = app.CreateClient();

        var response = await http.PostAsync("/api/messages",
            new StringContent("""{"type":"message","text":"hi","from":{"id":"u"},"serviceUrl":"http://connector.test/"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(app.Connector.Requests);
    }

    [Fact]
    public async Task ReplyGoesToTheConnectorAsAReplyWithSuggestedActionsAndNoNulls()
    {
        await using var app = await BotApplication.StartAsync();
        await app.AgreedEarlierAsync();
        var chat = app.Chat();

        await chat.SayAsync("menu", activityId: "a|1");

        var request = app.Connector.Requests.Last();
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v3/conversations/{chat.ConversationId}/activities/a%7C1", request.Uri.AbsolutePath);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.DoesNotContain("null", request.Body!, StringComparison.Ordinal);
        var json = request.Json!;
        Assert.Equal("message", json["type"]!.GetValue<string>());
        Assert.Equal("a|1", json["replyToId"]!.GetValue<string>());
        Assert.Equal("imBack", json["suggestedActions"]!["actions"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("Tự đánh giá", json["suggestedActions"]!["actions"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task RestartLosesNothingAndResumesAtTheSameItem()
    {
        await using var database = await TestDatabase.CreateAsync();
        string conversation;
        await using (var before = BotApplication.StartOn(database))
        {
            var chat = before.Chat();
            conversation = chat.ConversationId;
            await chat.SayAsync("tự đánh giá");
            await chat.SayAsync("Bắt đầu");
            await chat.SayAsync("Thường xuyên");
            await chat.SayAsync("Đôi khi");
        }

        await using var after = BotApplication.StartOn(database);
        var chat2 = new ChatClient(after, "29:lan", "00000000-0000-4000-8000-000000000001", "emulator") { ConversationId = conversation };
        var resumed = await chat2.SayAsync("Chưa thực hiện");

        Assert.StartsWith("Câu 4/34", resumed[^1].Text, StringComparison.Ordinal);
        await using var db = database.Factory.Create();
        Assert.Equal(["TX", "DK", "CTH"], await db.Answers.OrderBy(a => a.ItemCode).Select(a => a.ChoiceCode).ToListAsync());
        Assert.Equal(24, await db.Staff.CountAsync());
    }
}
