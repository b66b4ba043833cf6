using AnBien.Bot.Channels;
using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Tests.Channels.WebChat;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.Outbox;

/// <summary>
/// Two instances sending to one person at once (a closing summary and an announcement, say): the second message waits
/// for the first, and must neither be queued twice nor be held back for the whole lease of the instance that staged it.
/// </summary>
public sealed class EarlierMessageInFlightTests
{
    [Fact]
    public async Task AMessageBehindAnotherInstancesSendIsLeftToTheWorkersAndArrivesOnceRightAfter()
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["Outbox:ReplyWait"] = "00:00:01", ["Outbox:PollInterval"] = "00:00:00.200" });
        var chat = await DirectLineClient.StartAsync(app.CreateClient());
        using (await chat.SendAsync(HttpMethod.Post, "/api/webchat/demo-signin", new { staffCode = "NV001" }))
        {
        }

        await chat.ReadAsync();
        int staffId;
        long earlier;
        await using (var db = app.CreateDbContext())
        {
            staffId = (await db.Staff.SingleAsync(s => s.Code == "NV001")).Id;
            // What another instance is sending to the same person right now: queued, under its lease.
            var row = app.Services.GetRequiredService<OutboxQueue>().Stage(db, ProactiveSender.ToStaff(staffId), [new OutgoingMessage("Tin trước")], leased: false)[0];
            row.LeaseOwner = "another-instance";
            row.LeaseUntil = DateTimeOffset.UtcNow.AddMinutes(2);
            await db.SaveChangesAsync();
            earlier = row.Id;
        }

        var results = await app.Services.GetRequiredService<ProactiveSender>().SendToStaffAsync(staffId, new OutgoingMessage("Tin sau"), CancellationToken.None);

        // Handed to the outbox, not failed: a caller that retried a failure would queue the message a second time.
        var result = Assert.Single(results);
        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal(ProactiveSender.QueuedChannel, result.Channel);
        await using (var db = app.CreateDbContext())
        {
            var later = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id > earlier);
            Assert.Equal(OutboxStatus.Queued, later.Status);
            Assert.Null(later.LeaseOwner); // free for any worker as soon as its turn comes

            // The other instance is done with its message.
            await db.Outbox.Where(m => m.Id == earlier).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null));
        }

        var texts = new List<string>();
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(15) && !texts.Contains("Tin sau"); await Task.Delay(100))
        {
            texts.AddRange((await chat.ReadAsync()).Select(a => a["text"]?.GetValue<string>() ?? ""));
        }

        Assert.Equal(1, texts.Count(t => t == "Tin sau"));
        await using var check = app.CreateDbContext();
        var thread = ProactiveSender.ToStaff(staffId).OrderKey;
        Assert.Equal(2, await check.Outbox.CountAsync(m => m.OrderKey == thread && m.Status == OutboxStatus.Sent));
    }

    [Fact]
    public async Task TwoMessagesToOnePersonFromThisInstanceDoNotHoldEachOtherUp()
    {
        // The attempt time is the longest the later message would wait for the earlier one; the old code spent all of it.
        await using var app = await BotApplication.StartAsync(settings: new() { ["Outbox:AttemptTimeout"] = "00:00:30", ["Outbox:Lease"] = "00:02:00" });
        var chat = await DirectLineClient.StartAsync(app.CreateClient());
        using (await chat.SendAsync(HttpMethod.Post, "/api/webchat/demo-signin", new { staffCode = "NV001" }))
        {
        }

        await chat.ReadAsync();
        long earlier, later;
        await using (var db = app.CreateDbContext())
        {
            var staffId = (await db.Staff.SingleAsync(s => s.Code == "NV001")).Id;
            // A closing summary and an announcement to the same person, both staged by this instance and leased to it.
            var queue = app.Services.GetRequiredService<OutboxQueue>();
            var first = queue.Stage(db, ProactiveSender.ToStaff(staffId), [new OutgoingMessage("Tin trước")])[0];
            var second = queue.Stage(db, ProactiveSender.ToStaff(staffId), [new OutgoingMessage("Tin sau")])[0];
            await db.SaveChangesAsync();
            (earlier, later) = (first.Id, second.Id);
        }

        // The later message's sender comes first and finds the earlier one ahead of it; the earlier one's sender comes next.
        var dispatcher = app.Services.GetRequiredService<Bot.Channels.Outbox.OutboxDispatcher>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sendingLater = dispatcher.SendAsync([later], CancellationToken.None);
        await Task.Delay(300);
        var sendingEarlier = dispatcher.SendAsync([earlier], CancellationToken.None);
        // Under the test's clock, which does not move, the old code waited for ever; a failure here is that wait.
        var tried = await Task.WhenAll(sendingEarlier, sendingLater).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the two sends took {clock.Elapsed.TotalSeconds:0.0} s: one held the other up");
        Assert.All(tried, t => Assert.Equal(DeliveryStatus.Sent, Assert.Single(t).Status));
        var texts = (await chat.ReadAsync()).Select(a => a["text"]?.GetValue<string>()).Where(t => t is "Tin trước" or "Tin sau").ToList();
        Assert.Equal(["Tin trước", "Tin sau"], texts);
    }
}
