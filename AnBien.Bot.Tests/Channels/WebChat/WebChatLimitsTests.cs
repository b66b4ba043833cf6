using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text;
using AnBien.Bot.Channels.WebChat;
using AnBien.Bot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.WebChat;

/// <summary>What one visitor can and cannot do to everyone else's web chat: limits per client, Retry-After, origins.</summary>
public sealed class WebChatLimitsTests
{
    [Fact]
    public async Task StartLimitIsCountedPerClientAndSaysWhenToRetry()
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["WebChat:StartsPerMinute"] = "2" });

        var first = new List<int>();
        for (var i = 0; i < 3; i++) first.Add((await PostAsync(app, "203.0.113.7", "/v3/directline/tokens/generate")).Response.StatusCode);
        var limited = await PostAsync(app, "203.0.113.7", "/v3/directline/conversations");
        var other = await PostAsync(app, "198.51.100.20", "/v3/directline/tokens/generate");

        Assert.Equal([200, 200, 429], first);
        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
        var retryAfter = int.Parse(limited.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(StatusCodes.Status200OK, other.Response.StatusCode);
    }

    [Fact]
    public async Task IPv6ClientCannotEscapeTheLimitByChangingItsOwnAddress()
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["WebChat:StartsPerMinute"] = "1" });

        var a = await PostAsync(app, "2001:db8:1:2::1", "/v3/directline/tokens/generate");
        var b = await PostAsync(app, "2001:db8:1:2::abcd", "/v3/directline/tokens/generate");
        var neighbour = await PostAsync(app, "2001:db8:1:3::1", "/v3/directline/tokens/generate");

        Assert.Equal(200, a.Response.StatusCode);
        Assert.Equal(429, b.Response.StatusCode);
        Assert.Equal(200, neighbour.Response.StatusCode);
    }

    [Fact]
    public async Task ChatPageKeepsOpeningSessionsWhileDirectLineStartsAreSpent()
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["WebChat:StartsPerMinute"] = "1", ["WebChat:SessionsPerMinute"] = "2" });

        await PostAsync(app, "203.0.113.7", "/v3/directline/tokens/generate");
        var spent = await PostAsync(app, "203.0.113.7", "/v3/directline/tokens/generate");
        var sessions = new List<int>();
        for (var i = 0; i < 3; i++) sessions.Add((await PostAsync(app, "203.0.113.7", "/api/webchat/session", json: "{}")).Response.StatusCode);

        Assert.Equal(429, spent.Response.StatusCode);
        Assert.Equal([200, 200, 429], sessions);
    }

    [Theory]
    [InlineData("/v3/directline/tokens/generate", null)]
    [InlineData("/v3/directline/conversations", null)]
    [InlineData("/api/webchat/session", "{}")]
    public async Task OtherSitesCannotAskForTokensUnlessTheirOriginIsConfigured(string path, string? json)
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["WebChat:AllowedOrigins:0"] = "https://intranet.example.gov.vn" });

        var foreign = await PostAsync(app, "203.0.113.7", path, json, origin: "https://attacker.example");
        var configured = await PostAsync(app, "203.0.113.7", path, json, origin: "https://intranet.example.gov.vn");
        var own = await PostAsync(app, "203.0.113.7", path, json, origin: "http://localhost");
        var serverSide = await PostAsync(app, "203.0.113.7", path, json);

        Assert.Equal(403, foreign.Response.StatusCode);
        Assert.InRange(configured.Response.StatusCode, 200, 201);
        Assert.InRange(own.Response.StatusCode, 200, 201);
        Assert.InRange(serverSide.Response.StatusCode, 200, 201);
    }

    [Fact]
    public async Task TokenRefreshIsLimitedPerClient()
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["WebChat:RefreshesPerMinute"] = "2" });
        var chat = await DirectLineClient.StartAsync(app.CreateClient());

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++) statuses.Add((await PostAsync(app, "203.0.113.7", "/v3/directline/tokens/refresh", token: chat.Token)).Response.StatusCode);

        Assert.Equal([200, 200, 429], statuses);
    }

    [Fact]
    public async Task RefreshingATokenOfAConversationThatWasNeverStartedIsNotFound()
    {
        await using var app = await BotApplication.StartAsync();
        var tokens = app.Services.GetRequiredService<WebChatTokens>();
        var orphan = tokens.Issue(WebChatToken.Conversation, WebChatTokens.NewUserId(), WebChatTokens.NewConversationId(), TimeSpan.FromMinutes(30));

        var refresh = await PostAsync(app, "203.0.113.7", "/v3/directline/tokens/refresh", token: orphan);

        Assert.Equal(404, refresh.Response.StatusCode);
    }

    [Fact]
    public async Task OneConversationOpensOnlyAFewStreams()
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["WebChat:MaxStreamsPerConversation"] = "2" });
        var http = app.CreateClient();
        using var response = await http.PostAsync("/api/webchat/session", JsonContent.Create(new { }));
        var streamUrl = new Uri((await response.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!.GetValue<string>());
        var client = app.Server.CreateWebSocketClient();

        using var first = await client.ConnectAsync(streamUrl, CancellationToken.None);
        using var second = await client.ConnectAsync(streamUrl, CancellationToken.None);
        var third = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(streamUrl, CancellationToken.None));

        Assert.Contains("429", third.Message, StringComparison.Ordinal);
        first.Abort();
        await Task.Delay(200);
        using var again = await client.ConnectAsync(streamUrl, CancellationToken.None);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, again.State);
    }

    [Fact]
    public async Task HttpsAnswersCarryHsts()
    {
        await using var app = await BotApplication.StartAsync();

        var page = await app.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Scheme = "https";
            http.Request.Host = new HostString("bot.example.gov.vn");
            http.Request.Path = "/";
        });

        Assert.Equal("max-age=31536000", page.Response.Headers.StrictTransportSecurity.ToString());
    }

    [Fact]
    public async Task DemoSignInWithoutABodyIs400()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = await DirectLineClient.StartAsync(app.CreateClient());

        var signIn = await PostAsync(app, "203.0.113.7", "/api/webchat/demo-signin", json: "null", token: chat.Token);

        Assert.Equal(400, signIn.Response.StatusCode);
    }

    private static Task<HttpContext> PostAsync(BotApplication app, string address, string path, string? json = null, string? origin = null, string? token = null) =>
        app.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            http.Request.Method = "POST";
            http.Request.Scheme = "http";
            http.Request.Host = new HostString("localhost");
            http.Request.Path = path;
            if (origin is not null) http.Request.Headers.Origin = origin;
            if (token is not null) http.Request.Headers.Authorization = $"Bearer {token}";
            if (json is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                http.Request.ContentType = "application/json";
                http.Request.ContentLength = bytes.Length;
                http.Request.Body = new MemoryStream(bytes);
            }
        });
}
