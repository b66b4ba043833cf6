using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Tests.Channels.Zalo;
using AnBien.Bot.Tests.Channels.WebChat;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Http;

/// <summary>What a channel and a load balancer see while the database is down: answers to retry on, and readiness.</summary>
public sealed class DatabaseOutageTests
{
    private const string Message =
        """{"type":"message","id":"m-1","channelId":"emulator","serviceUrl":"http://localhost:3978/","from":{"id":"u"},"conversation":{"id":"c"},"text":"xin chào"}""";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ActivityDuringAnOutageGets503WithRetryAfter(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        using var http = app.CreateClient();
        await app.Database.BreakAsync();

        using var response = await http.PostAsync("/api/messages", new StringContent(Message, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Empty(app.Connector.Requests);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DirectLinePostDuringAnOutageGets502(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        var chat = await DirectLineClient.StartAsync(app.CreateClient());
        await app.Database.BreakAsync();

        using var post = await chat.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{chat.ConversationId}/activities", new { type = "message", text = "xin chào" });
        using var read = await chat.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{chat.ConversationId}/activities");

        Assert.Equal(HttpStatusCode.BadGateway, post.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, read.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadinessFailsWhenTheDatabaseIsDownWhileLivenessHolds(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        using var http = app.CreateClient();
        using var before = await http.GetAsync("/health/ready");
        await app.Database.BreakAsync();

        using var ready = await http.GetAsync("/health/ready");
        using var live = await http.GetAsync("/health/live");
        using var healthz = await http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = (await ready.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("unhealthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReadinessFailsWhileMigrationsArePending(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider, demo: false, settings: new() { ["Storage:MigrateOnStart"] = "false" });

        using var ready = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = (await ready.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("pending", body["checks"]!["database"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LostZaloGrantDegradesReadinessWithoutFailingIt(string provider)
    {
        await using var zalo = await ZaloTestHost.StartAsync(processInbox: false, provider: provider);
        var app = zalo.App;
        await using (var db = app.CreateDbContext())
        {
            db.ZaloGrants.RemoveRange(db.ZaloGrants);
            db.ZaloGrants.Add(new ZaloGrant { OaId = ZaloTestHost.OaId, AccessToken = "a", RefreshToken = "r", LostAt = BotApplication.DefaultNow, LostReason = "-14014" });
            await db.SaveChangesAsync();
        }

        using var ready = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = (await ready.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("degraded", body["status"]!.GetValue<string>());
        Assert.Equal("degraded", body["checks"]!["zalo"]!["status"]!.GetValue<string>());
        Assert.Equal("healthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostgresRetriesTransientErrors()
    {
        await using var db = new AnBien.Bot.Storage.BotDbContextFactory("Postgres", "Host=127.0.0.1;Database=none").Create();

        Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);
    }
}
