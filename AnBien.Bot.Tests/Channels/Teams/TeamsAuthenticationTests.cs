using System.Net;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Channels.Teams;

/// <summary>Inbound authentication of POST /api/messages with credentials configured (docs/protocols/botframework.md §2).</summary>
public sealed class TeamsAuthenticationTests
{
    [Fact]
    public async Task ValidConnectorTokenIsAcceptedAndTheReplyCarriesTheBotsOwnToken()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var chat = new TeamsChat(app, cloud);

        var replies = await chat.SayAsync("menu");

        Assert.NotEmpty(replies);
        var reply = app.Connector.Requests.Last(r => r.Method == "POST");
        Assert.Equal("Bearer " + FakeBotFrameworkCloud.BotToken, reply.Headers["Authorization"]);
        var tokenRequest = Assert.Single(cloud.TokenRequestBodies);
        Assert.StartsWith($"/{FakeBotFrameworkCloud.TenantId}/oauth2/v2.0/token?", tokenRequest, StringComparison.Ordinal);
        Assert.Contains("grant_type=client_credentials", tokenRequest, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", tokenRequest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", HttpStatusCode.Unauthorized)]
    [InlineData("garbage", HttpStatusCode.Unauthorized)]
    [InlineData("expired", HttpStatusCode.Unauthorized)]
    [InlineData("not yet valid", HttpStatusCode.Unauthorized)]
    [InlineData("wrong audience", HttpStatusCode.Unauthorized)]
    [InlineData("wrong issuer", HttpStatusCode.Unauthorized)]
    [InlineData("unknown key", HttpStatusCode.Unauthorized)]
    [InlineData("mismatched serviceUrl", HttpStatusCode.Unauthorized)]
    [InlineData("key not endorsed for msteams", HttpStatusCode.Forbidden)]
    public async Task BadTokenIsRejectedAndTheBotDoesNothing(string problem, HttpStatusCode expected)
    {
        var cloud = new FakeBotFrameworkCloud();
        if (problem == "key not endorsed for msteams")
        {
            cloud.Endorsements.Clear();
            cloud.Endorsements.Add("webchat");
        }

        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var chat = new TeamsChat(app, cloud);
        var now = app.Clock.GetUtcNow();
        var token = problem switch
        {
            "missing" => null,
            "garbage" => "not.a.token",
            "expired" => cloud.Token(now, lifetime: TimeSpan.FromMinutes(-6)),
            "not yet valid" => cloud.Token(now.AddMinutes(10)),
            "wrong audience" => cloud.Token(now, audience: "another-bot"),
            "wrong issuer" => cloud.Token(now, issuer: "https://api.botframework.example"),
            "unknown key" => cloud.Token(now, key: cloud.UnpublishedKey),
            "mismatched serviceUrl" => cloud.Token(now, serviceUrl: "https://attacker.example/teams/"),
            _ => cloud.Token(now),
        };

        var response = await chat.PostAsync(chat.Activity("message", "tự đánh giá"), token);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(app.Connector.Requests);
        Assert.Equal(0, cloud.TokenRequests);
        await using var db = app.CreateDbContext();
        Assert.False(await db.ProcessedActivities.AnyAsync());
        Assert.False(await db.ChannelAccounts.AnyAsync());
    }

    [Fact]
    public async Task TokenWithinTheFiveMinuteSkewIsAccepted()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var chat = new TeamsChat(app, cloud);

        var response = await chat.PostAsync(chat.Activity("message", "menu"), cloud.Token(app.Clock.GetUtcNow(), lifetime: TimeSpan.FromMinutes(-4)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownKeyIdFetchesTheKeysAgainAndDailyRefreshFollowsTheClock()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var chat = new TeamsChat(app, cloud);
        Assert.Equal(HttpStatusCode.OK, (await chat.PostAsync(chat.Activity("message", "menu"))).StatusCode);
        Assert.Equal(1, cloud.MetadataRequests);

        // A rolled-over key the bot has not seen: the keys are fetched again before the token is judged.
        var unknown = await chat.PostAsync(chat.Activity("message", "menu"), cloud.Token(app.Clock.GetUtcNow(), key: cloud.UnpublishedKey));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(2, cloud.MetadataRequests);

        // Forged key ids cannot make the bot fetch on every request.
        await chat.PostAsync(chat.Activity("message", "menu"), cloud.Token(app.Clock.GetUtcNow(), key: cloud.UnpublishedKey));
        Assert.Equal(2, cloud.MetadataRequests);

        app.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(HttpStatusCode.OK, (await chat.PostAsync(chat.Activity("message", "menu"))).StatusCode);
        Assert.Equal(3, cloud.MetadataRequests);
    }

    [Fact]
    public async Task WithoutCredentialsOnlyLoopbackIsServedAndTokensAreNotNeeded()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();

        var replies = await chat.SayAsync("menu");

        Assert.NotEmpty(replies);
        Assert.All(app.Connector.Requests, r => Assert.False(r.Headers.ContainsKey("Authorization")));
    }
}
