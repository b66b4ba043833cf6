using System.Net;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Tests.Channels.Zalo;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Channels.Outbox;

/// <summary>
/// A turn's replies are sent without a claim write (Channels/Outbox/OutboxDispatcher.cs): the attempt is counted when
/// its outcome is recorded. What an operator reads in the outbox stays true: one attempt for a reply that went at once,
/// one per try for a reply that had to wait for the connector.
/// </summary>
public sealed class AttemptCountTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Outbox:ReplyWait"] = "00:00:01",
        ["Outbox:AttemptTimeout"] = "00:00:02",
        ["Outbox:Lease"] = "00:00:10",
        ["BotFramework:MaxRetries"] = "0",
    };

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AReplySentAtOnceIsStoredAsSentAfterOneAttempt(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider, Settings);
        await app.AgreedEarlierAsync();

        var (answered, _) = await app.Chat().SendAsync("tự đánh giá", activityId: "act-once");

        Assert.Equal(HttpStatusCode.OK, answered);
        await using var db = app.CreateDbContext();
        var rows = await db.Outbox.Where(m => m.SourceActivityId == "act-once").ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.Null(m.LeaseOwner);
        });
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AReplyThatFailedOnceCountsBothAttempts(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider, Settings);
        await app.AgreedEarlierAsync();
        app.Connector.Enqueue(HttpStatusCode.InternalServerError);

        await app.Chat().SendAsync("tự đánh giá", activityId: "act-twice");

        await using (var db = app.CreateDbContext())
        {
            var first = await db.Outbox.Where(m => m.SourceActivityId == "act-twice").OrderBy(m => m.Id).FirstAsync();
            Assert.Equal(OutboxStatus.Queued, first.Status);
            Assert.Equal(1, first.Attempts);
        }

        app.Connector.Clear();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await ZaloTestHost.WaitUntilAsync(app, db => db.Outbox.AllAsync(m => m.Status == OutboxStatus.Sent));

        await using var check = app.CreateDbContext();
        var sent = await check.Outbox.Where(m => m.SourceActivityId == "act-twice").OrderBy(m => m.Id).FirstAsync();
        Assert.Equal(2, sent.Attempts);
    }
}
