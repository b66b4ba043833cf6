using System.Diagnostics;
using System.Net;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Tests.Channels.Zalo;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.Outbox;

/// <summary>
/// A Bot Connector that fails or hangs costs no reply: the turn is committed with its replies in the outbox, the
/// request is answered 200 within a bounded time, and the person gets the next question once the Connector recovers.
/// </summary>
public sealed class ConnectorOutageTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Outbox:ReplyWait"] = "00:00:01",
        ["Outbox:AttemptTimeout"] = "00:00:02",
        ["Outbox:Lease"] = "00:00:10",
        ["BotFramework:MaxRetries"] = "1",
        ["BotFramework:RetryDelay"] = "00:00:00.010",
    };

    public static TheoryData<string, int> Failures()
    {
        var data = new TheoryData<string, int>();
        foreach (var provider in TestDatabase.PostgresAvailable ? new[] { "Sqlite", "Postgres" } : ["Sqlite"])
        {
            foreach (var status in new[] { 500, 429, 502 }) data.Add(provider, status);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task AFailingConnectorDelaysTheNextQuestionButDoesNotLoseIt(string provider, int status)
    {
        await using var app = await BotApplication.StartAsync(provider, Settings);
        await app.AgreedEarlierAsync();
        var chat = app.Chat();
        // 500 is not retried inside the call, 429 and 502 once (BotFramework:MaxRetries=1): exactly the first attempt fails.
        for (var i = 0; i < (status == 500 ? 1 : 2); i++) app.Connector.Enqueue((HttpStatusCode)status);

        var (answered, _) = await chat.SendAsync("tự đánh giá", activityId: "act-outage");

        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.DoesNotContain(app.Connector.Requests, r => r.Status == 200);
        await using (var db = app.CreateDbContext())
        {
            var waiting = await db.Outbox.Where(m => m.Status == OutboxStatus.Queued).ToListAsync();
            Assert.NotEmpty(waiting);
            Assert.All(waiting, m => Assert.Equal("act-outage", m.SourceActivityId));
        }

        app.Connector.Clear();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await ZaloTestHost.WaitUntilAsync(app, db => db.Outbox.AllAsync(m => m.Status == OutboxStatus.Sent));

        var recovered = app.Connector.Requests.Where(r => r.Status == 200 && r.Uri.AbsolutePath.EndsWith("/activities/act-outage", StringComparison.Ordinal))
            .Select(r => new BotReply(r.Json!)).ToList();
        Assert.Contains(recovered, r => r.Text.Contains("34 nội dung", StringComparison.Ordinal) && r.Buttons.Count > 0);
        Assert.Equal(recovered.Count, recovered.Select(r => r.Text).Distinct().Count());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARedeliveryOfAProcessedActivityResendsItsUnsentReplies(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider, Settings);
        await app.AgreedEarlierAsync();
        var chat = app.Chat();
        app.Connector.Enqueue(HttpStatusCode.InternalServerError);
        await chat.SendAsync("tự đánh giá", activityId: "act-redelivered");
        Assert.DoesNotContain(app.Connector.Requests, r => r.Status == 200);

        // The channel redelivers the same activity (its first delivery got no timely answer): the replies come now.
        var resent = await chat.SayAsync("tự đánh giá", activityId: "act-redelivered");

        Assert.Contains(resent, r => r.Text.Contains("34 nội dung", StringComparison.Ordinal));
        var again = await chat.SayAsync("tự đánh giá", activityId: "act-redelivered");
        Assert.Empty(again); // once sent, never sent again
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.ProcessedActivities.CountAsync(p => p.ActivityId == "act-redelivered"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AHangingConnectorDoesNotHoldTheRequestAndTheReplyFollowsWhenItRecovers(string provider)
    {
        var hanging = new HangingHandler { Hanging = true };
        await using var app = await BotApplication.StartAsync(provider, Settings,
            services: s => s.AddHttpClient<ConnectorClient>().AddHttpMessageHandler(() => hanging));
        await app.AgreedEarlierAsync();
        var chat = app.Chat();

        var watch = Stopwatch.StartNew();
        var (answered, _) = await chat.SendAsync("tự đánh giá", activityId: "act-hang");
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.Empty(app.Connector.Requests);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the request took {watch.Elapsed}");

        await ZaloTestHost.WaitUntilAsync(app, db => db.Outbox.AnyAsync(m => m.Detail != null && m.LeaseOwner == null));
        hanging.Hanging = false;
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await ZaloTestHost.WaitUntilAsync(app, db => db.Outbox.AllAsync(m => m.Status == OutboxStatus.Sent));
        Assert.Contains(app.Connector.Requests, r => r.Uri.AbsolutePath.EndsWith("/activities/act-hang", StringComparison.Ordinal)
            && new BotReply(r.Json!).Text.Contains("34 nội dung", StringComparison.Ordinal));
    }
}
