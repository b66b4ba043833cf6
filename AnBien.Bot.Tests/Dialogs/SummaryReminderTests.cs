using AnBien.Bot.Channels;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Dialogs;
using AnBien.Bot.Schedule;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using AnBien.Bot.Tests.Channels.Zalo;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Dialogs;

/// <summary>
/// A head's "Nhắc" goes through the durable outbox: queued with the head's turn, sent by the dispatcher (again later
/// if the person's channel is down), once a day per person, never to someone on leave, and outside the automatic cap.
/// </summary>
public sealed class SummaryReminderTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReminderIsQueuedInTheOutboxAndDeliveredByTheDispatcherAfterAnOutage(string provider)
    {
        var channel = new FlakySender { FailuresLeft = 1 };
        await using var app = await BotApplication.StartAsync(provider, new() { ["Outbox:ReplyWait"] = "00:00:01" },
            services: s => s.AddSingleton<IChannelSender>(channel));
        await app.Chat().SayAsync("tự đánh giá");
        await ChatAs(app, "NV008").SayAsync("menu");
        var head = ChatAs(app, "NV002");

        Assert.Contains("Đã gửi lời nhắc tới Bùi Thị Mai.", (await head.SayAsync("nhac:NV008"))[^1].Text, StringComparison.Ordinal);

        // The channel refused the first attempt: the reminder waits in the outbox instead of being lost.
        await using (var db = app.CreateDbContext())
        {
            var row = await db.Outbox.SingleAsync(m => m.CorrelationKind == SummaryReminders.Action);
            Assert.Equal(("NV008", OutboxStatus.Queued), (row.CorrelationId, row.Status));
            Assert.Equal(SummaryAudit.Allowed, (await db.Audit.SingleAsync(a => a.Action == SummaryReminders.Action)).Outcome);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await ZaloTestHost.WaitUntilAsync(app, db => db.Outbox.AnyAsync(m => m.CorrelationKind == SummaryReminders.Action && m.Status == OutboxStatus.Sent));
        var (account, text) = Assert.Single(channel.Sent);
        Assert.Equal("29:nv008", account);
        Assert.Contains("anh/chị chưa nộp bản tự đánh giá tháng 11/2026", text, StringComparison.Ordinal);

        // A second press the same day is refused politely and queues nothing; nor is a head's reminder an automatic one.
        Assert.Contains("Hôm nay Bùi Thị Mai đã được nhắc rồi", (await head.SayAsync("Nhắc Bùi Thị Mai"))[^1].Text, StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(1, await db.Outbox.CountAsync(m => m.CorrelationKind == SummaryReminders.Action));
            Assert.Empty(await db.AnnouncementDeliveries.ToListAsync());
        }
    }

    [Fact]
    public async Task PersonOnLeaveIsNotReminded()
    {
        var channel = new FlakySender();
        await using var app = await BotApplication.StartAsync(services: s => s.AddSingleton<IChannelSender>(channel));
        await app.Chat().SayAsync("tự đánh giá");
        await ChatAs(app, "NV008").SayAsync("menu");
        await using (var db = app.CreateDbContext())
        {
            var mai = await db.Staff.SingleAsync(s => s.Code == "NV008");
            var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
            db.StaffAvailability.Add(new StaffAvailability { StaffId = mai.Id, OnLeaveUntil = today.AddDays(3), UpdatedAt = app.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var reply = (await ChatAs(app, "NV002").SayAsync("nhac:NV008"))[^1];

        Assert.StartsWith("Bùi Thị Mai đang nghỉ phép hoặc đã xin hoãn nhắc", reply.Text, StringComparison.Ordinal);
        await using var check = app.CreateDbContext();
        Assert.False(await check.Outbox.AnyAsync(m => m.CorrelationKind == SummaryReminders.Action));
        Assert.Empty(channel.Sent);
    }

    private static ChatClient ChatAs(BotApplication app, string code)
    {
        using var db = app.CreateDbContext();
        var aad = db.Staff.AsNoTracking().Single(s => s.Code == code).TeamsObjectId;
        return app.Chat(userId: "29:" + code.ToLowerInvariant(), aadObjectId: aad);
    }

    /// <summary>Stands in for the Emulator's channel: refuses the first <see cref="FailuresLeft"/> attempts, then records.</summary>
    private sealed class FlakySender : IChannelSender
    {
        public int FailuresLeft { get; set; }

        public List<(string Account, string Text)> Sent { get; } = [];

        public string Channel => "emulator";

        public Task<DeliveryResult> SendAsync(ChannelAccount account, AnBien.Bot.Conversations.OutgoingMessage message, CancellationToken ct)
        {
            lock (Sent)
            {
                if (FailuresLeft > 0)
                {
                    FailuresLeft--;
                    return Task.FromResult(DeliveryResult.Failed(Channel, "channel down"));
                }

                Sent.Add((account.ChannelUserId, message.Text));
            }

            return Task.FromResult(DeliveryResult.Sent(Channel));
        }
    }
}
