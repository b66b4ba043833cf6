using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.Teams;

/// <summary>The exact requests the bot makes to the Bot Connector for Teams (docs/protocols/botframework.md §3–§5).</summary>
public sealed class TeamsConnectorTests
{
    private const string Tenant = FakeBotFrameworkCloud.TenantId;

    [Fact]
    public async Task ReplyGoesToTheEncodedConversationPathAsACardWithoutNulls()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        await app.AgreedEarlierAsync();
        var chat = new TeamsChat(app, cloud);
        var inbound = chat.Activity("message", "menu");

        await chat.DeliverAsync(inbound);

        var reply = app.Connector.Requests.Last(r => r.Method == "POST");
        Assert.Equal($"/teams/v3/conversations/{Uri.EscapeDataString(chat.ConversationId)}/activities/{inbound["id"]}", reply.Uri.AbsolutePath);
        Assert.Contains("%3A", reply.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("Bearer " + FakeBotFrameworkCloud.BotToken, reply.Headers["Authorization"]);
        var body = reply.Json!.AsObject();
        Assert.Equal("message", body["type"]!.GetValue<string>());
        Assert.Equal("msteams", body["channelId"]!.GetValue<string>());
        Assert.Equal("28:" + FakeBotFrameworkCloud.AppId, body["from"]!["id"]!.GetValue<string>());
        Assert.Equal(chat.ConversationId, body["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal(inbound["id"]!.GetValue<string>(), body["replyToId"]!.GetValue<string>());
        Assert.Null(body["serviceUrl"]);
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("1.5", attachment["content"]!["version"]!.GetValue<string>());
        var button = attachment["content"]!["actions"]![0]!;
        Assert.Equal("Action.Submit", button["type"]!.GetValue<string>());
        Assert.Equal("cmd:assess", button["data"]!["choice"]!.GetValue<string>());
        AssertNoNulls(body);
    }

    [Fact]
    public async Task AnsweredCardIsUpdatedInPlaceToShowTheChoice()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        await app.AgreedEarlierAsync();
        var chat = new TeamsChat(app, cloud);
        var intro = (await chat.SayAsync("tự đánh giá"))[^1];
        Assert.Equal(["Bắt đầu", "Để sau"], intro.Buttons);

        await chat.ClickAsync(intro, "Bắt đầu");

        var update = Assert.Single(app.Connector.Requests, r => r.Method == "PUT");
        Assert.Equal($"/teams/v3/conversations/{Uri.EscapeDataString(chat.ConversationId)}/activities/{intro.Id}", update.Uri.AbsolutePath);
        Assert.Equal("Bearer " + FakeBotFrameworkCloud.BotToken, update.Headers["Authorization"]);
        var card = update.Json!["attachments"]![0]!["content"]!;
        Assert.Null(card["actions"]);
        Assert.Equal("✔ Bắt đầu", card["body"]!.AsArray()[^1]!["text"]!.GetValue<string>());
        AssertNoNulls(update.Json!);
    }

    [Fact]
    public async Task ProactiveMessageOpensTheOneToOneConversationThenPostsIntoIt()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var staffId = await LinkAsync(app, "NV002", "29:minh", reference: null);
        app.Connector.Enqueue(HttpStatusCode.Created, """{"id":"a:1newPersonalChat"}""");

        var results = await Sender(app).SendToStaffAsync(staffId, new OutgoingMessage("Nhắc: kỳ tự đánh giá tháng 11/2026 đóng ngày 05/12."), default);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(results).Status);
        var requests = app.Connector.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(("POST", "https://smba.test/teams/v3/conversations"), (requests[0].Method, requests[0].Uri.ToString()));
        Assert.Equal("Bearer " + FakeBotFrameworkCloud.BotToken, requests[0].Headers["Authorization"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""
            { "isGroup": false, "bot": { "id": "28:{{FakeBotFrameworkCloud.AppId}}" }, "members": [ { "id": "29:minh" } ],
              "tenantId": "{{Tenant}}", "channelData": { "tenant": { "id": "{{Tenant}}" } } }
            """), requests[0].Json), requests[0].Body);
        Assert.Equal(("POST", "/teams/v3/conversations/a%3A1newPersonalChat/activities"), (requests[1].Method, requests[1].Uri.AbsolutePath));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""
            { "type": "message", "channelId": "msteams", "from": { "id": "28:{{FakeBotFrameworkCloud.AppId}}" },
              "conversation": { "id": "a:1newPersonalChat" }, "textFormat": "plain",
              "text": "Nhắc: kỳ tự đánh giá tháng 11/2026 đóng ngày 05/12." }
            """), requests[1].Json), requests[1].Body);
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedAfterTheRetryAfterDelay()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var staffId = await LinkAsync(app, "NV002", "29:minh", VerifiedReference("a:1minh"));
        app.Connector.Enqueue(HttpStatusCode.TooManyRequests, "{}", new Dictionary<string, string> { ["Retry-After"] = "1" });

        var watch = Stopwatch.StartNew();
        var results = await Sender(app).SendToStaffAsync(staffId, new OutgoingMessage("Thông báo"), default);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(results).Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}");
        var requests = app.Connector.Requests.ToList();
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.All(requests, r => Assert.Equal("/teams/v3/conversations/a%3A1minh/activities", r.Uri.AbsolutePath));
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(1, cloud.TokenRequests);
    }

    [Fact]
    public async Task RefusalByTeamsIsNotReachableAndRemembered()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var staffId = await LinkAsync(app, "NV002", "29:minh", VerifiedReference("a:1minh"));
        app.Connector.Enqueue(HttpStatusCode.Forbidden, """{"error":{"code":"BotNotInConversationRoster"}}""");

        var first = Assert.Single(await Sender(app).SendToStaffAsync(staffId, new OutgoingMessage("Thông báo"), default));
        var second = Assert.Single(await Sender(app).SendToStaffAsync(staffId, new OutgoingMessage("Thông báo"), default));

        Assert.Equal(DeliveryStatus.NotReachable, first.Status);
        Assert.Equal(DeliveryStatus.NotReachable, second.Status);
        Assert.Single(app.Connector.Requests);
        await using var db = app.CreateDbContext();
        Assert.NotNull((await db.ChannelAccounts.SingleAsync()).UnreachableSince);
    }

    [Fact]
    public async Task ServerErrorsAfterRetriesAreFailuresNotUnreachable()
    {
        var cloud = new FakeBotFrameworkCloud();
        var settings = cloud.Settings();
        settings["BotFramework:MaxRetries"] = "1";
        await using var app = await BotApplication.StartAsync(settings: settings, services: cloud.Register);
        var staffId = await LinkAsync(app, "NV002", "29:minh", VerifiedReference("a:1minh"));
        app.Connector.Enqueue(HttpStatusCode.BadGateway);
        app.Connector.Enqueue(HttpStatusCode.BadGateway);

        var result = Assert.Single(await Sender(app).SendToStaffAsync(staffId, new OutgoingMessage("Thông báo"), default));

        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Equal(2, app.Connector.Requests.Count);
    }

    internal static string VerifiedReference(string conversationId) => $$"""
        {"channelId":"msteams","serviceUrl":"{{FakeBotFrameworkCloud.ServiceUrl}}","conversationId":"{{conversationId}}","tenantId":"{{Tenant}}",
         "userId":"29:minh","botId":"28:{{FakeBotFrameworkCloud.AppId}}","serviceUrlVerified":true}
        """;

    internal static async Task<int> LinkAsync(BotApplication app, string staffCode, string userId, string? reference)
    {
        await using var db = app.CreateDbContext();
        var staff = await db.Staff.SingleAsync(s => s.Code == staffCode);
        db.ChannelAccounts.Add(new ChannelAccount
        {
            Channel = "msteams", ChannelUserId = userId, StaffId = staff.Id, LinkedAt = app.Clock.GetUtcNow(), LinkedBy = "test",
            ConversationReference = reference, LastInteractionAt = app.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return staff.Id;
    }

    private static ProactiveSender Sender(BotApplication app) => app.Services.GetRequiredService<ProactiveSender>();

    private static void AssertNoNulls(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    Assert.True(value is not null, $"'{name}' is null");
                    AssertNoNulls(value!);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Assert.NotNull(item);
                    AssertNoNulls(item!);
                }

                break;
        }
    }
}
