using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.Zalo;

/// <summary>
/// The service with the Zalo channel on, a recording fake of Zalo's APIs (Open API and OAuth) and a stored grant.
/// Events are posted signed, like Zalo does; <see cref="SendAsync"/> waits until the inbox has processed them.
/// </summary>
public sealed class ZaloTestHost : IAsyncDisposable
{
    public const string AppId = "2553928453557884079";
    public const string OaId = "3662729599332560487";
    public const string OaSecret = "oa-secret-test";
    public const string AppSecret = "app-secret-test";
    public const string MessageUrl = "https://openapi.zalo.me/v3.0/oa/message/cs";
    public const string TokenUrl = "https://oauth.zaloapp.com/v4/oa/access_token";

    // Zalo stamps events with the time they happened: the tests' "now" (BotApplication.DefaultNow), one millisecond apart.
    private static long _timestamp = BotApplication.DefaultNow.ToUnixTimeMilliseconds();
    private readonly HttpClient _http;

    private ZaloTestHost(BotApplication app, RecordingHttpHandler api)
    {
        App = app;
        Api = api;
        _http = app.CreateClient();
    }

    public BotApplication App { get; }

    /// <summary>Zalo's side: every call the bot made to openapi.zalo.me and oauth.zaloapp.com.</summary>
    public RecordingHttpHandler Api { get; }

    public static Dictionary<string, string?> Settings(bool processInbox = true, bool deliver = true) => new()
    {
        ["Outbox:Deliver"] = deliver ? "true" : "false",
        ["Zalo:AppId"] = AppId,
        ["Zalo:OaId"] = OaId,
        ["Zalo:OaSecretKey"] = OaSecret,
        ["Zalo:AppSecretKey"] = AppSecret,
        ["Zalo:ProcessInbox"] = processInbox ? "true" : "false",
        ["Zalo:SendRetryDelay"] = "00:00:00",
    };

    /// <param name="services">More fakes, e.g. the Bot Framework cloud when a test also involves Teams.</param>
    public static async Task<ZaloTestHost> StartAsync(
        bool processInbox = true, Dictionary<string, string?>? settings = null, string provider = "Sqlite", Action<IServiceCollection>? services = null)
    {
        var api = new RecordingHttpHandler();
        var all = Settings(processInbox);
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var app = await BotApplication.StartAsync(provider, all, services: s =>
        {
            UseFake(s, api);
            services?.Invoke(s);
        });
        var host = new ZaloTestHost(app, api);
        await host.SeedGrantAsync();
        return host;
    }

    /// <summary>A process on a database the test keeps, e.g. restarted after the previous one was killed.</summary>
    public static ZaloTestHost StartOn(TestDatabase database, bool processInbox = true, bool deliver = true)
    {
        var api = new RecordingHttpHandler();
        return new ZaloTestHost(BotApplication.StartOn(database, Settings(processInbox, deliver), services: s => UseFake(s, api)), api);
    }

    /// <summary>
    /// Polls the database until <paramref name="done"/> holds (background workers run in real time). Each round also
    /// wakes the outbox worker: a test that moved the fake clock past a retry or a lease may have done so while the
    /// worker was between its query and its wait, and that wait, set on the fake clock after the move, would never end.
    /// </summary>
    public static async Task WaitUntilAsync(BotApplication app, Func<BotDbContext, Task<bool>> done, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        var outbox = app.Services.GetRequiredService<OutboxSignal>();
        while (DateTime.UtcNow < until)
        {
            await using var db = app.CreateDbContext();
            if (await done(db)) return;
            outbox.Notify();
            await Task.Delay(25);
        }

        await using var check = app.CreateDbContext();
        var now = app.Clock.GetUtcNow();
        var rows = await check.Outbox.Where(m => m.Status == OutboxStatus.Queued).OrderBy(m => m.Id)
            .Select(m => $"#{m.Id} attempts {m.Attempts} due {m.NextAttemptAt} lease {m.LeaseOwner} {m.LeaseUntil} ({m.Detail})").ToListAsync();
        throw new TimeoutException($"The expected state was not reached in time. Clock {now}; queued: {string.Join("; ", rows)}");
    }

    public static void UseFake(IServiceCollection services, RecordingHttpHandler api) =>
        services.AddHttpClient(ZaloClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => api);

    public async Task SeedGrantAsync(string accessToken = "AT-1", string refreshToken = "RT-1")
    {
        await using var db = App.CreateDbContext();
        db.ZaloGrants.Add(new ZaloGrant
        {
            OaId = OaId, AccessToken = accessToken, RefreshToken = refreshToken, AccessTokenExpiresAt = App.Clock.GetUtcNow().AddHours(20),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A secret as the bot reads it back from the database (they are stored encrypted).</summary>
    public string? Reveal(string? stored) => App.Services.GetRequiredService<AnBien.Bot.Privacy.SecretProtector>().Unprotect(stored);

    /// <summary>Links a Zalo user to a staff record directly (as an earlier activation code would have).</summary>
    public async Task LinkAsync(string userId, string staffCode, DateTimeOffset? lastInteraction = null)
    {
        await using var db = App.CreateDbContext();
        var staff = await db.Staff.SingleAsync(s => s.Code == staffCode);
        db.ChannelAccounts.Add(new ChannelAccount
        {
            Channel = "zalo", ChannelUserId = userId, StaffId = staff.Id, LinkedAt = App.Clock.GetUtcNow(), LinkedBy = "test",
            LastInteractionAt = lastInteraction ?? App.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    public static string TextEvent(string userId, string text, string? msgId = null) => new JsonObject
    {
        ["app_id"] = AppId,
        ["sender"] = new JsonObject { ["id"] = userId },
        ["recipient"] = new JsonObject { ["id"] = OaId },
        ["event_name"] = "user_send_text",
        ["message"] = new JsonObject { ["text"] = text, ["msg_id"] = msgId ?? Guid.NewGuid().ToString("N") },
        ["timestamp"] = NextTimestamp(),
        ["user_id_by_app"] = "979122185046046317",
    }.ToJsonString();

    public static string Event(string eventName, string userId, JsonObject? extra = null)
    {
        var body = new JsonObject { ["app_id"] = AppId, ["event_name"] = eventName, ["timestamp"] = NextTimestamp() };
        if (eventName is "follow" or "unfollow")
        {
            body["oa_id"] = OaId;
            body["follower"] = new JsonObject { ["id"] = userId };
            body["source"] = "oa_profile";
        }
        else
        {
            body["sender"] = new JsonObject { ["id"] = userId };
            body["recipient"] = new JsonObject { ["id"] = OaId };
        }

        foreach (var (k, v) in extra ?? []) body[k] = v?.DeepClone();
        return body.ToJsonString();
    }

    public static string Sign(string body)
    {
        var timestamp = JsonNode.Parse(body)!["timestamp"]!.GetValue<string>();
        return ZaloSignatureVerifier.Mac(AppId, Encoding.UTF8.GetBytes(body), timestamp, OaSecret);
    }

    /// <summary>Posts a raw body as Zalo would, signed unless a signature is given ("" for none).</summary>
    public async Task<HttpStatusCode> PostAsync(string body, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/zalo") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        signature ??= Sign(body);
        if (signature.Length > 0) request.Headers.TryAddWithoutValidation("X-ZEvent-Signature", signature);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Posts a signed event, waits until it is processed, and returns the messages the bot sent meanwhile.</summary>
    public async Task<IReadOnlyList<ZaloReply>> SendAsync(string body)
    {
        var before = Api.Requests.Count;
        Assert.Equal(HttpStatusCode.OK, await PostAsync(body));
        await WaitIdleAsync();
        return Api.Requests.Skip(before).Where(r => r.Uri.ToString() == MessageUrl).Select(r => new ZaloReply(r)).ToList();
    }

    public Task<IReadOnlyList<ZaloReply>> SayAsync(string userId, string text) => SendAsync(TextEvent(userId, text));

    /// <summary>Presses a button of a reply: Zalo sends its payload back as the text of a user_send_text (docs/protocols/zalo.md §2.3).</summary>
    public Task<IReadOnlyList<ZaloReply>> PressAsync(string userId, ZaloReply reply, string title) =>
        SayAsync(userId, reply.Payload(title));

    public async Task WaitIdleAsync()
    {
        for (var i = 0; i < 400; i++)
        {
            await using var db = App.CreateDbContext();
            // Processed, and its replies out of the outbox too (or waiting for a retry after a failure).
            if (!await db.ZaloInbox.AnyAsync(e => e.ProcessedAt == null && e.LastError == null)
                && !await db.Outbox.AnyAsync(m => m.Status == OutboxStatus.Queued && m.Detail == null)) return;
            await Task.Delay(25);
        }

        await using var check = App.CreateDbContext();
        var waiting = await check.Outbox.Where(m => m.Status == OutboxStatus.Queued).Select(m => $"{m.Id} {m.Route} {m.OrderKey} attempts {m.Attempts}").ToListAsync();
        throw new TimeoutException("The Zalo inbox was not processed in time; outbox rows still queued: " + string.Join(", ", waiting));
    }

    private static string NextTimestamp() => Interlocked.Increment(ref _timestamp).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await App.DisposeAsync();
    }
}
