using System.Net;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.Zalo;

public sealed class ZaloInboxProcessorTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task KillingTheProcessRightAfterTheAcknowledgementLosesNoAnswer(string provider)
    {
        const string user = "6142494823000000040";
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            string answer;
            await using (var before = ZaloTestHost.StartOn(database))
            {
                await before.SeedGrantAsync();
                await before.LinkAsync(user, "NV001");
                var intro = (await before.SayAsync(user, "tự đánh giá"))[^1];
                var first = (await before.PressAsync(user, intro, "Bắt đầu"))[^1];
                answer = ZaloTestHost.TextEvent(user, first.Payload("Đôi khi"), msgId: "msg-acked-then-killed");
            }

            // The process that acknowledges the event dies before handling it (its processor never runs).
            await using (var dying = ZaloTestHost.StartOn(database, processInbox: false))
            {
                Assert.Equal(HttpStatusCode.OK, await dying.PostAsync(answer));
                Assert.Empty(dying.Api.Requests);
            }

            // A new process on the same database: its start-up sweep handles what the dead one acknowledged.
            await using var after = ZaloTestHost.StartOn(database);
            await after.WaitIdleAsync();

            await using var db = after.App.CreateDbContext();
            Assert.Equal("DK", (await db.Answers.SingleAsync()).ChoiceCode);
            var reply = new ZaloReply(Assert.Single(after.Api.Requests));
            Assert.Equal(user, reply.UserId);
            Assert.StartsWith("Câu 2/34", reply.Text, StringComparison.Ordinal);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RepliesStoppedByAServerFailureAreSentLaterWithoutRepeatingTheTurn(string provider)
    {
        await using var zalo = await ZaloTestHost.StartAsync(provider: provider);
        const string user = "6142494823000000041";
        await zalo.LinkAsync(user, "NV001");
        for (var i = 0; i < 4; i++) zalo.Api.Enqueue(HttpStatusCode.BadGateway, "");

        Assert.Equal(HttpStatusCode.OK, await zalo.PostAsync(ZaloTestHost.TextEvent(user, "tự đánh giá", msgId: "msg-502")));
        await zalo.WaitIdleAsync();
        Assert.Equal(4, zalo.Api.Requests.Count);
        await using (var db = zalo.App.CreateDbContext())
        {
            Assert.NotNull((await db.ZaloInbox.SingleAsync()).ProcessedAt);
            var waiting = await db.Outbox.Where(m => m.Status == OutboxStatus.Queued).OrderBy(m => m.Id).FirstAsync();
            Assert.Contains("HTTP 502", waiting.Detail, StringComparison.Ordinal);
        }

        zalo.App.Clock.Advance(TimeSpan.FromMinutes(1));
        await ZaloTestHost.WaitUntilAsync(zalo.App, db => db.Outbox.AllAsync(m => m.Status != OutboxStatus.Queued));

        var sent = zalo.Api.Requests.Skip(4).Select(r => new ZaloReply(r)).ToList();
        Assert.Contains(sent, r => r.Text.Contains("tháng 11/2026: 34 nội dung", StringComparison.Ordinal));
        await using var check = zalo.App.CreateDbContext();
        Assert.Equal(1, await check.ProcessedActivities.CountAsync(p => p.Channel == "zalo"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AProcessThatDiesAfterTheTurnBeforeMarkingTheEventLosesNoReply(string provider)
    {
        const string user = "6142494823000000042";
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            await using (var dying = ZaloTestHost.StartOn(database, processInbox: false, deliver: false))
            {
                await dying.SeedGrantAsync();
                await dying.LinkAsync(user, "NV001");
                Assert.Equal(HttpStatusCode.OK, await dying.PostAsync(ZaloTestHost.TextEvent(user, "tự đánh giá", msgId: "msg-turn-then-killed")));

                // What the processor does first: the turn commits (answers, state, processed mark). Then the process dies,
                // before the event is marked handled and before anything is sent.
                await using var db = dying.App.CreateDbContext();
                var row = await db.ZaloInbox.SingleAsync();
                var handler = dying.App.Services.GetRequiredService<ZaloEventHandler>();
                await handler.HandleAsync(row, ZaloWebhookEvent.Parse(System.Text.Encoding.UTF8.GetBytes(row.Body))!, CancellationToken.None);
                Assert.DoesNotContain(dying.Api.Requests, r => r.Uri.ToString() == ZaloTestHost.MessageUrl);
            }

            // The restarted service finds the event unhandled and the turn done; the replies were queued with the turn.
            await using var after = ZaloTestHost.StartOn(database);
            after.App.Clock.Advance(TimeSpan.FromMinutes(5)); // the dead process's leases run out
            await ZaloTestHost.WaitUntilAsync(after.App, db => db.Outbox.AllAsync(m => m.Status != OutboxStatus.Queued));

            var replies = after.Api.Requests.Where(r => r.Uri.ToString() == ZaloTestHost.MessageUrl).Select(r => new ZaloReply(r)).ToList();
            Assert.Contains(replies, r => r.UserId == user && r.Text.Contains("tháng 11/2026: 34 nội dung", StringComparison.Ordinal));
            await using var check = after.App.CreateDbContext();
            if (replies.Count != replies.Select(r => r.Text).Distinct().Count())
            {
                // A reply sent twice: say which, and what the outbox holds, so that a rare failure can be followed.
                var rows = await check.Outbox.AsNoTracking().OrderBy(m => m.Id)
                    .Select(m => $"#{m.Id} {m.Status} attempts {m.Attempts} source {m.SourceActivityId} sent {m.SentAt:HH:mm:ss.fff}").ToListAsync();
                Assert.Fail($"A reply was sent twice. Replies: {string.Join(" | ", replies.Select(r => r.Text[..Math.Min(40, r.Text.Length)]))}. Outbox: {string.Join("; ", rows)}");
            }

            Assert.Equal(1, await check.ProcessedActivities.CountAsync(p => p.Channel == "zalo"));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
