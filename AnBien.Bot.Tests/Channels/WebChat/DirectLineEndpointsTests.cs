using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels;
using AnBien.Bot.Channels.WebChat;
using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.WebChat;

public sealed class DirectLineEndpointsTests
{
    [Fact]
    public async Task PostedMessageIsEchoedAsTheUserAndAnsweredByTheBot()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = await DirectLineClient.StartAsync(app.CreateClient());

        var id = await chat.SayAsync("xin chào", clientActivityId: "c-1");
        var activities = await chat.ReadAsync();

        Assert.Equal($"{chat.ConversationId}|0000001", id);
        Assert.Equal(2, activities.Count);
        var echo = activities[0];
        Assert.Equal(id, echo["id"]!.GetValue<string>());
        Assert.Equal("user", echo["from"]!["role"]!.GetValue<string>());
        Assert.StartsWith("dl_", echo["from"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("c-1", echo["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal("xin chào", echo["text"]!.GetValue<string>());
        var reply = activities[1];
        Assert.Equal($"{chat.ConversationId}|0000002", reply["id"]!.GetValue<string>());
        Assert.Equal("bot", reply["from"]!["role"]!.GetValue<string>());
        Assert.Equal(id, reply["replyToId"]!.GetValue<string>());
        Assert.StartsWith("Xin chào! Để dùng trợ lý Văn hóa công sở", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Trợ giúp", reply["suggestedActions"]!["actions"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("2", chat.Watermark);
        Assert.Empty(await chat.ReadAsync());
    }

    [Fact]
    public async Task TokenForOneConversationCannotReadAnother()
    {
        await using var app = await BotApplication.StartAsync();
        var http = app.CreateClient();
        var alice = await DirectLineClient.StartAsync(http);
        var mallory = await DirectLineClient.StartAsync(http);
        await alice.SayAsync("xin chào");

        using var read = await mallory.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}/activities");
        using var post = await mallory.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{alice.ConversationId}/activities", new { type = "message", text = "hi" });
        using var reconnect = await mallory.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{alice.ConversationId}?watermark=0");
        using var anonymous = await http.GetAsync($"/v3/directline/conversations/{alice.ConversationId}/activities");

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(2, (await alice.ReadAsync()).Count);
    }

    [Fact]
    public async Task ForgedOrExpiredTokenIsRefusedAndAValidOneRefreshes()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = await DirectLineClient.StartAsync(app.CreateClient());
        var original = chat.Token;

        var parts = original.Split('.');
        var claims = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].PadRight((parts[1].Length + 3) / 4 * 4, '=')));
        chat.Token = $"{parts[0]}.{Convert.ToBase64String(Encoding.UTF8.GetBytes(claims.Replace(chat.ConversationId, "other", StringComparison.Ordinal))).TrimEnd('=')}.{parts[2]}";
        using var forged = await chat.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{chat.ConversationId}/activities");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        chat.Token = original;
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        using var refresh = await chat.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh");
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var refreshed = (await refresh.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(chat.ConversationId, refreshed["conversationId"]!.GetValue<string>());
        Assert.Equal(1800, refreshed["expires_in"]!.GetValue<int>());

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        using var expired = await chat.SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh");
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);

        chat.Token = refreshed["token"]!.GetValue<string>();
        Assert.Empty(await chat.ReadAsync());
    }

    [Fact]
    public async Task ResentMessageIsStoredAndAnsweredOnce()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = await DirectLineClient.StartAsync(app.CreateClient());

        var first = await chat.SayAsync("xin chào", clientActivityId: "same");
        var again = await chat.SayAsync("xin chào", clientActivityId: "same");

        Assert.Equal(first, again);
        Assert.Equal(2, (await chat.ReadAsync()).Count);
    }

    [Fact]
    public async Task ActivationCodeTypedInTheChatLinksTheWebChatUser()
    {
        await using var app = await BotApplication.StartAsync(demo: false);
        string code;
        await using (var db = app.CreateDbContext())
        {
            await DemoDirectory.SeedIfEmptyAsync(db, app.Services.GetRequiredService<DirectoryImporter>(), CancellationToken.None);
            code = await app.Services.GetRequiredService<LinkingService>().IssueCodeAsync(db, "NV001", "test", CancellationToken.None);
        }

        var chat = await DirectLineClient.StartAsync(app.CreateClient());
        await chat.SayAsync(code);

        // The code names Lan; the privacy notice comes first, and she is linked only when she agrees.
        var notice = (await chat.ReadAsync()).Skip(1).ToList();
        Assert.StartsWith("Thông báo về dữ liệu cá nhân", notice[^1]["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["Tôi đồng ý", "Không đồng ý"], notice[^1]["suggestedActions"]!["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
        await using var check = app.CreateDbContext();
        Assert.False(await check.ChannelAccounts.AnyAsync());
        await chat.SayAsync("Tôi đồng ý");

        var replies = (await chat.ReadAsync()).Skip(1).Select(a => a["text"]!.GetValue<string>()).ToList();
        Assert.StartsWith("Cảm ơn anh/chị. Đã ghi nhận đồng ý ngày 28/11/2026", replies[0], StringComparison.Ordinal);
        Assert.Equal("Liên kết thành công. Chào Nguyễn Thị Lan!", replies[1]);
        var account = await check.ChannelAccounts.Include(a => a.Staff).SingleAsync(a => a.Channel == "webchat");
        Assert.Equal(("NV001", "activation-code"), (account.Staff!.Code, account.LinkedBy));
        Assert.Contains(chat.ConversationId, account.ConversationReference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoPickerLinksTheChosenPersonOnlyInDemoMode()
    {
        await using (var production = await BotApplication.StartAsync(demo: false))
        {
            var http = production.CreateClient();
            var chat = await DirectLineClient.StartAsync(http);
            using var list = await http.GetAsync("/api/webchat/demo-staff");
            using var signIn = await chat.SendAsync(HttpMethod.Post, "/api/webchat/demo-signin", new { staffCode = "NV001" });
            Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        }

        await using var app = await BotApplication.StartAsync();
        var client = app.CreateClient();
        var demoChat = await DirectLineClient.StartAsync(client);
        var people = (await client.GetFromJsonAsync<JsonArray>("/api/webchat/demo-staff"))!;
        Assert.Equal("Nguyễn Thị Lan", people.Single(p => p!["code"]!.GetValue<string>() == "NV001")!["name"]!.GetValue<string>());

        using var picked = await demoChat.SendAsync(HttpMethod.Post, "/api/webchat/demo-signin", new { staffCode = "NV001" });

        Assert.Equal(HttpStatusCode.OK, picked.StatusCode);
        var greeting = await demoChat.ReadAsync();
        Assert.StartsWith("Chào Nguyễn Thị Lan!", greeting[0]["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["Tự đánh giá", "Kết quả của tôi", "Dữ liệu của tôi", "Trợ giúp"],
            greeting[^1]["suggestedActions"]!["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
        await using var db = app.CreateDbContext();
        var account = await db.ChannelAccounts.Include(a => a.Staff).SingleAsync(a => a.Channel == "webchat");
        Assert.Equal(("NV001", "demo-picker"), (account.Staff!.Code, account.LinkedBy));
    }

    [Fact]
    public async Task SessionResumesTheBrowsersOwnConversationOnly()
    {
        await using var app = await BotApplication.StartAsync();
        var http = app.CreateClient();

        var first = await SessionAsync(http, new { });
        var again = await SessionAsync(http, new { browserKey = first["browserKey"]!.GetValue<string>(), conversationId = first["conversationId"]!.GetValue<string>() });
        var stranger = await SessionAsync(http, new { conversationId = first["conversationId"]!.GetValue<string>() });

        Assert.Equal(first["conversationId"]!.GetValue<string>(), again["conversationId"]!.GetValue<string>());
        Assert.NotEqual(first["conversationId"]!.GetValue<string>(), stranger["conversationId"]!.GetValue<string>());
        Assert.False(first["linked"]!.GetValue<bool>());
        Assert.True(first["demo"]!.GetValue<bool>());
    }

    [Fact]
    public async Task StreamDeliversTheBotsRepliesOverTheWebSocket()
    {
        await using var app = await BotApplication.StartAsync();
        var http = app.CreateClient();
        var session = await SessionAsync(http, new { });
        var chat = new DirectLineClient(http, session["conversationId"]!.GetValue<string>(), session["token"]!.GetValue<string>());
        var socket = await app.Server.CreateWebSocketClient().ConnectAsync(new Uri(session["streamUrl"]!.GetValue<string>()), CancellationToken.None);

        await chat.SayAsync("xin chào");

        var texts = new List<string>();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!texts.Any(t => t.StartsWith("Xin chào! Để dùng", StringComparison.Ordinal)))
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            if (received.Count == 0) continue;
            var frame = JsonNode.Parse(buffer.AsSpan(0, received.Count))!;
            texts.AddRange(frame["activities"]!.AsArray().Where(a => a!["type"]!.GetValue<string>() == "message").Select(a => a!["text"]!.GetValue<string>()));
        }

        Assert.Equal("xin chào", texts[0]);
    }

    [Fact]
    public async Task ProactiveMessageIsAppendedToThePersonsWebChat()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = await DirectLineClient.StartAsync(app.CreateClient());
        using (await chat.SendAsync(HttpMethod.Post, "/api/webchat/demo-signin", new { staffCode = "NV001" }))
        {
        }

        await chat.ReadAsync();
        int staffId;
        await using (var db = app.CreateDbContext())
        {
            staffId = (await db.Staff.SingleAsync(s => s.Code == "NV001")).Id;
        }

        var results = await app.Services.GetRequiredService<ProactiveSender>().SendToStaffAsync(staffId, new OutgoingMessage("Nhắc: còn 3 ngày để tự đánh giá."), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, Assert.Single(results).Status);
        Assert.Equal("Nhắc: còn 3 ngày để tự đánh giá.", Assert.Single(await chat.ReadAsync())["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartingConversationsIsRateLimitedPerAddress()
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["WebChat:StartsPerMinute"] = "2" });
        var http = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync("/v3/directline/tokens/generate", null);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ChatPageIsServedWithSecurityHeaders()
    {
        await using var app = await BotApplication.StartAsync();

        using var response = await app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType!.CharSet);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    private static async Task<JsonObject> SessionAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/api/webchat/session", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
