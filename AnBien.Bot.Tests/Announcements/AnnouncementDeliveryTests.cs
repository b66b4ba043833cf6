using AnBien.Bot.Announcements;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Announcements;

public sealed class AnnouncementDeliveryTests
{
    private const int Crowd = 10_000;

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TenThousandRecipientsGetItExactlyOnceWhenTheWorkerIsKilledHalfwayAndRestarted(string provider)
    {
        var transport = new RecordingTransport(() => DateTimeOffset.UtcNow);
        await using var app = await BotApplication.StartAsync(provider, services: transport.Install);
        var everyone = await AddCrowdAsync(app);
        var announcement = await app.Services.GetRequiredService<AnnouncementService>()
            .CreateAsync(new AnnouncementDraft("Họp toàn cơ quan lúc 8 giờ thứ Hai.", AnnouncementAudience.Everyone, "test"), default);

        using (var kill = new CancellationTokenSource())
        {
            transport.BeforeSend = _ =>
            {
                if (transport.Sent.Count == Crowd / 2) kill.Cancel();
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                app.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(kill.Token));
            transport.BeforeSend = null;
        }

        Assert.InRange(transport.Sent.Count, Crowd / 2, everyone - 1);

        // The restarted service takes over what the dead one had claimed once its claim lease has run out.
        await using var restarted = BotApplication.StartOn(app.Database, services: transport.Install, now: app.Clock.GetUtcNow().AddMinutes(6));
        await restarted.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default);

        AssertEachOnce(transport, everyone);
        var status = await restarted.Services.GetRequiredService<AnnouncementService>().StatusAsync(announcement.Id, default);
        Assert.Equal(new AnnouncementStatus(0, everyone, 0, 0, 0), status);
    }

    [PostgresFact]
    public async Task TwoWorkersAtOnceOnPostgresSendEachDeliveryOnce()
    {
        var transport = new RecordingTransport(() => DateTimeOffset.UtcNow);
        await using var one = await BotApplication.StartAsync("Postgres", services: transport.Install);
        await using var two = BotApplication.StartOn(one.Database, services: transport.Install, now: one.Clock.GetUtcNow());
        var everyone = await AddCrowdAsync(one);
        await one.Services.GetRequiredService<AnnouncementService>()
            .CreateAsync(new AnnouncementDraft("Thông báo lịch trực Tết.", AnnouncementAudience.Everyone, "test"), default);

        var handled = await Task.WhenAll(
            one.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default),
            two.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default));

        AssertEachOnce(transport, everyone);
        Assert.Equal(everyone, handled.Sum());
        Assert.All(handled, h => Assert.True(h > 0, "both workers took part"));
    }

    [Fact]
    public async Task ReadIsRecordedOnceHoweverOftenItIsPressed()
    {
        var transport = new RecordingTransport(() => DateTimeOffset.UtcNow);
        await using var app = await BotApplication.StartAsync(services: transport.Install);
        await AddCrowdAsync(app, size: 0);
        var (code, output) = await app.RunCommandAsync("announce", "--text", "Đề nghị đọc quy chế mới.", "--audience", "staff:NV001,NV002", "--ack");
        Assert.Equal(0, code);
        var id = long.Parse(output.Trim().Split('\n')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await app.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default);
        Assert.All(transport.Sent, s => Assert.Equal(["Đã đọc"], s.Message.Choices.Select(c => c.Label)));

        await using var db = app.CreateDbContext();
        var lan = await db.Staff.SingleAsync(s => s.Code == "NV001");
        var announcements = app.Services.GetRequiredService<AnnouncementService>();
        Assert.True(await announcements.AcknowledgeAsync(id, lan.Id, default));
        Assert.False(await announcements.AcknowledgeAsync(id, lan.Id, default));
        Assert.False(await announcements.AcknowledgeAsync(id, lan.Id, default));

        (code, output) = await app.RunCommandAsync("announce", "status", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["queued 0", "sent 2", "failed 0", "unreachable 0", "acknowledged 1"], output.Trim().Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public async Task PeopleNoChannelCanReachAreListedWithTheReasonAndNeverSent()
    {
        var transport = new RecordingTransport(() => DateTimeOffset.UtcNow);
        await using var app = await BotApplication.StartAsync(services: transport.Install);
        await using (var db = app.CreateDbContext())
        {
            var ids = await db.Staff.ToDictionaryAsync(s => s.Code, s => s.Id);
            var now = app.Clock.GetUtcNow();
            db.ChannelAccounts.Add(new ChannelAccount { Channel = "zalo", ChannelUserId = "z1", StaffId = ids["NV001"], LinkedBy = "test", LastInteractionAt = now.AddDays(-8) });
            db.ChannelAccounts.Add(new ChannelAccount { Channel = "zalo", ChannelUserId = "z2", StaffId = ids["NV002"], LinkedBy = "test", LastInteractionAt = now.AddDays(-2) });
            db.ChannelAccounts.Add(new ChannelAccount { Channel = "msteams", ChannelUserId = "t3", StaffId = ids["NV003"], LinkedBy = "test", UnreachableSince = now.AddDays(-1) });
            await db.SaveChangesAsync();
        }

        var (_, output) = await app.RunCommandAsync("announce", "--text", "Lịch họp", "--audience", "staff:NV001,NV002,NV003,NV004");
        var id = long.Parse(output.Trim().Split('\n')[^1], System.Globalization.CultureInfo.InvariantCulture);
        await app.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default);

        await using var check = app.CreateDbContext();
        var reasons = await check.AnnouncementDeliveries.Where(d => d.AnnouncementId == id)
            .Join(check.Staff, d => d.StaffId, s => s.Id, (d, s) => new { s.Code, d.State, d.Reason })
            .OrderBy(x => x.Code).ToListAsync();
        Assert.Equal(
            [
                ("NV001", DeliveryState.Unreachable, "zalo: outside the 7-day interaction window"),
                ("NV002", DeliveryState.Sent, null),
                ("NV003", DeliveryState.Unreachable, "msteams: the channel reported the person unreachable"),
                ("NV004", DeliveryState.Unreachable, "no linked chat account"),
            ],
            reasons.Select(r => (r.Code, r.State, r.Reason)));
        Assert.Single(transport.Sent);
    }

    private static void AssertEachOnce(RecordingTransport transport, int everyone)
    {
        var perPerson = transport.Sent.GroupBy(s => s.StaffId).ToList();
        Assert.Equal(everyone, perPerson.Count);
        Assert.All(perPerson, g => Assert.Single(g));
    }

    /// <summary>Adds <paramref name="size"/> people to the demo directory and links everyone to the fake channel; returns the head count.</summary>
    private static async Task<int> AddCrowdAsync(BotApplication app, int size = Crowd)
    {
        await using var db = app.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var unit = await db.Units.Select(u => u.Id).FirstAsync();
        for (var i = 0; i < size; i++) db.Staff.Add(new Staff { Code = $"X{i:D5}", FullName = $"Cán bộ {i}", UnitId = unit });
        await db.SaveChangesAsync();
        var now = app.Clock.GetUtcNow();
        var ids = await db.Staff.Select(s => s.Id).ToListAsync();
        db.ChannelAccounts.AddRange(ids.Select(id => new ChannelAccount
        {
            Channel = "fake", ChannelUserId = $"u{id}", StaffId = id, LinkedBy = "test", LastInteractionAt = now,
        }));
        await db.SaveChangesAsync();
        return ids.Count;
    }
}
