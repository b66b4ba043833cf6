using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Channels.BotFramework;

/// <summary>
/// Without a MicrosoftAppId nothing authenticates /api/messages, so the local mode must stay on this machine
/// (issue 9 item 1: nginx on the same host makes every request come from loopback).
/// </summary>
public sealed class LocalModeTests
{
    private static readonly Dictionary<string, string?> NoFlag = new() { ["BotFramework:AllowLocalMode"] = "false" };

    // Production refuses the demo, and without it the web chat needs a token secret of its own (a test value).
    private static readonly Dictionary<string, string?> Production = new() { ["WebChat:TokenSecret"] = new string('t', 40) };

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task WithoutCredentialsOrTheFlagOutsideDevelopmentEveryRequestGets401(string environment)
    {
        await using var app = await BotApplication.StartAsync(settings: new(NoFlag.Concat(Production)), demo: environment != "Production",
            environment: environment);

        var response = await PostAsync(app, Activity("tự đánh giá"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync(app);
    }

    [Fact]
    public async Task DevelopmentServesTheLocalModeOnLoopback()
    {
        await using var app = await BotApplication.StartAsync(settings: NoFlag, environment: "Development", services: RemotePeer.At("127.0.0.1"));

        var response = await PostAsync(app, Activity("menu"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(app.Connector.Requests);
    }

    [Fact]
    public async Task TheExplicitFlagServesTheLocalModeInProduction()
    {
        await using var app = await BotApplication.StartAsync(settings: new(Production) { ["BotFramework:AllowLocalMode"] = "true" }, demo: false, environment: "Production",
            services: RemotePeer.At("::1"));

        var response = await PostAsync(app, Activity("menu"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(app.Connector.Requests);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    public async Task ARequestAProxyForwardedNeverGetsTheLocalMode(string header, string value)
    {
        await using var app = await BotApplication.StartAsync(environment: "Development", services: RemotePeer.At("127.0.0.1"));

        var response = await PostAsync(app, Activity("tự đánh giá"), (header, value));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync(app);
    }

    [Fact]
    public async Task ARequestFromATrustedProxyOnLoopbackIsJudgedByTheClientsAddress()
    {
        // nginx on 127.0.0.1 is configured as a proxy: the forwarded headers are applied, and the client is remote.
        await using var app = await BotApplication.StartAsync(environment: "Development", services: RemotePeer.At("127.0.0.1"),
            settings: new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });

        var response = await PostAsync(app, Activity("tự đánh giá"), ("X-Forwarded-For", "127.0.0.1"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync(app);
    }

    [Fact]
    public async Task ARemotePeerIsRefused()
    {
        await using var app = await BotApplication.StartAsync(environment: "Development", services: RemotePeer.At("192.0.2.10"));

        var response = await PostAsync(app, Activity("tự đánh giá"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync(app);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/")]
    [InlineData("http://internal.example/")]
    [InlineData("https://smba.trafficmanager.net/teams/")]
    public async Task InLocalModeTheBotRepliesOnlyToLoopback(string serviceUrl)
    {
        await using var app = await BotApplication.StartAsync();

        var response = await PostAsync(app, Activity("tự đánh giá", serviceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNothingHappenedAsync(app);
    }

    [Theory]
    [InlineData("http://localhost:3978/internal/?x=1")]
    [InlineData("http://user:secret@localhost:3978/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative")]
    public async Task AServiceUrlThatIsNotAPlainHttpUrlGets400(string serviceUrl)
    {
        await using var app = await BotApplication.StartAsync();

        var response = await PostAsync(app, Activity("tự đánh giá", serviceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingHappenedAsync(app);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("../../internal/admin")]
    [InlineData("a?b#c")]
    public async Task AConversationIdCannotLeaveTheConversationsPath(string conversationId)
    {
        await using var app = await BotApplication.StartAsync();
        var activity = Activity("menu");
        activity["conversation"] = new JsonObject { ["id"] = conversationId };

        var response = await PostAsync(app, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(app.Connector.Requests);
        var escaped = Uri.EscapeDataString(conversationId);
        var expected = $"/v3/conversations/{(escaped is "." or ".." ? escaped.Replace(".", "%2E", StringComparison.Ordinal) : escaped)}/activities/act-1";
        Assert.All(app.Connector.Requests, sent =>
        {
            Assert.Equal("localhost", sent.Uri.Host);
            Assert.Equal(expected, sent.Uri.AbsolutePath.Replace("%2e", "%2E", StringComparison.Ordinal));
            Assert.Empty(sent.Uri.Query);
        });
    }

    private static JsonObject Activity(string text, string serviceUrl = "http://localhost:3978/") => new()
    {
        ["type"] = "message",
        ["id"] = "act-1",
        ["channelId"] = "emulator",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = "29:lan", ["aadObjectId"] = "00000000-0000-4000-8000-000000000001" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot" },
        ["conversation"] = new JsonObject { ["id"] = "conv-local" },
        ["text"] = text,
    };

    private static async Task<HttpResponseMessage> PostAsync(BotApplication app, JsonObject activity, params (string Name, string Value)[] headers)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await http.SendAsync(request);
    }

    /// <summary>No reply sent anywhere, no turn recorded, nobody linked.</summary>
    private static async Task AssertNothingHappenedAsync(BotApplication app)
    {
        Assert.Empty(app.Connector.Requests);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.ProcessedActivities.CountAsync());
        Assert.Equal(0, await db.ChannelAccounts.CountAsync(a => a.Channel == "emulator"));
    }
}
