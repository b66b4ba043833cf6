using System.Net;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

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

    [Fact]
    public async Task RepliesStoppedByAServerFailureAreSentLaterWithoutRepeatingTheTurn()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        const string user = "6142494823000000041";
        await zalo.LinkAsync(user, "NV001");
        for (var i = 0; i < 4; i++) zalo.Api.Enqueue(HttpStatusCode.BadGateway, "");

        Assert.Equal(HttpStatusCode.OK, await zalo.PostAsync(ZaloTestHost.TextEvent(user, "tự đánh giá", msgId: "msg-502")));
        await zalo.WaitIdleAsync();
        Assert.Equal(4, zalo.Api.Requests.Count);
        await using (var db = zalo.App.CreateDbContext())
        {
            var row = await db.ZaloInbox.SingleAsync();
            Assert.Null(row.ProcessedAt);
            Assert.Contains("HTTP 502", row.LastError, StringComparison.Ordinal);
        }

        zalo.App.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 100; i++)
        {
            await using var db = zalo.App.CreateDbContext();
            if (await db.ZaloInbox.AnyAsync(e => e.ProcessedAt != null)) break;
            await Task.Delay(25);
        }

        var sent = zalo.Api.Requests.Skip(4).Select(r => new ZaloReply(r)).ToList();
        Assert.Contains(sent, r => r.Text.Contains("tháng 11/2026: 34 nội dung", StringComparison.Ordinal));
        await using var check = zalo.App.CreateDbContext();
        Assert.Equal(1, await check.ProcessedActivities.CountAsync(p => p.Channel == "zalo"));
    }
}
