using System.Diagnostics.Metrics;
using System.Net;
using AnBien.Bot.Announcements;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Channels.Zalo;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Hosting;

/// <summary>
/// What an OTLP collector would read from the meter "AnBien.Bot": outbox and Zalo inbox depths and announcement
/// deliveries by state as the rows stand (read at most every 15 s), and token refreshes as they happen.
/// </summary>
public sealed class OperationsMetricsTests
{
    [Fact]
    public async Task GaugesReportQueuedRowsAndRereadAfterFifteenSeconds()
    {
        await using var app = await BotApplication.StartAsync();
        using var listener = Listen(app, out var seen);
        await using (var db = app.CreateDbContext())
        {
            AddOutbox(db, app, OutboxStatus.Queued, OutboxStatus.Queued, OutboxStatus.Sent);
            AddInbox(db, app, processed: [false, false, false, true]);
            await AddDeliveriesAsync(db, app, DeliveryState.Queued, DeliveryState.Sent, DeliveryState.Sent, DeliveryState.Unreachable);
            await db.SaveChangesAsync();
        }

        listener.RecordObservableInstruments();

        Assert.Equal(2, seen[("anbien.outbox.depth", "")]);
        Assert.Equal(3, seen[("anbien.zalo.inbox.depth", "")]);
        Assert.Equal(1, seen[("anbien.announcement.deliveries", "queued")]);
        Assert.Equal(2, seen[("anbien.announcement.deliveries", "sent")]);
        Assert.Equal(1, seen[("anbien.announcement.deliveries", "unreachable")]);
        Assert.Equal(0, seen[("anbien.announcement.deliveries", "failed")]);

        // More work queued: a collector asking again within 15 s gets the cached figures, after that the new ones.
        await using (var db = app.CreateDbContext())
        {
            AddOutbox(db, app, OutboxStatus.Queued);
            await db.SaveChangesAsync();
        }

        listener.RecordObservableInstruments();
        Assert.Equal(2, seen[("anbien.outbox.depth", "")]);
        app.Clock.Advance(TimeSpan.FromSeconds(15));
        listener.RecordObservableInstruments();
        Assert.Equal(3, seen[("anbien.outbox.depth", "")]);
    }

    [Fact]
    public async Task ZaloTokenRefreshesAreCountedWithTheirOutcome()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        using var listener = Listen(zalo.App, out var seen);
        var store = zalo.App.Services.GetRequiredService<ZaloTokenStore>();
        zalo.Api.Enqueue(HttpStatusCode.OK, """{"access_token":"AT-2","refresh_token":"RT-2","expires_in":"90000"}""");
        await store.RefreshAsync("AT-1", CancellationToken.None);
        Assert.Equal(1, seen[("anbien.token.refreshes", "zalo/ok")]);

        zalo.Api.Enqueue(HttpStatusCode.OK, """{"error_name":"Invalid refresh token","error_reason":"refresh token is expired"}""");
        await Assert.ThrowsAsync<ZaloNotAuthorizedException>(() => store.RefreshAsync("AT-2", CancellationToken.None));
        Assert.Equal(1, seen[("anbien.token.refreshes", "zalo/refused")]);
        Assert.Equal(1, seen[("anbien.token.refreshes", "zalo/ok")]);
    }

    /// <summary>Listens to this application's meter only (tests run side by side), keeping the last value per series.</summary>
    private static MeterListener Listen(BotApplication app, out Dictionary<(string Name, string Tags), long> seen)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        _ = app.Services.GetRequiredService<AnBien.Bot.Hosting.OperationsMetrics>();
        var values = new Dictionary<(string, string), long>();
        seen = values;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "AnBien.Bot" && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = (instrument.Name, string.Join("/", tags.ToArray().Select(t => t.Value)));
            lock (values) values[key] = instrument is Counter<long> && values.TryGetValue(key, out var sum) ? sum + value : value;
        });
        listener.Start();
        return listener;
    }

    private static void AddOutbox(BotDbContext db, BotApplication app, params OutboxStatus[] states)
    {
        var later = app.Clock.GetUtcNow().AddDays(1); // not due: the outbox worker leaves them be
        foreach (var state in states)
        {
            db.Outbox.Add(new OutboxMessage
            {
                Route = "test", OrderKey = "metrics", Address = "{}", Payload = "{}", Status = state,
                CreatedAt = app.Clock.GetUtcNow(), NextAttemptAt = later, Deadline = later,
            });
        }
    }

    private static void AddInbox(BotDbContext db, BotApplication app, bool[] processed)
    {
        var now = app.Clock.GetUtcNow();
        for (var i = 0; i < processed.Length; i++)
        {
            db.ZaloInbox.Add(new ZaloInboxEvent
            {
                DedupeKey = $"metrics-{i}", EventName = "user_send_text", Body = "{}", ReceivedAt = now,
                ProcessedAt = processed[i] ? now : null, LeaseUntil = now.AddDays(1),
            });
        }
    }

    private static async Task AddDeliveriesAsync(BotDbContext db, BotApplication app, params DeliveryState[] states)
    {
        var now = app.Clock.GetUtcNow();
        var announcement = new Announcement { Text = "Thông báo", Audience = "all", CreatedBy = "NV006", SendAt = now, CreatedAt = now };
        db.Announcements.Add(announcement);
        await db.SaveChangesAsync();
        var people = await db.Staff.OrderBy(s => s.Id).Take(states.Length).Select(s => s.Id).ToListAsync();
        for (var i = 0; i < states.Length; i++)
        {
            db.AnnouncementDeliveries.Add(new AnnouncementDelivery { AnnouncementId = announcement.Id, StaffId = people[i], State = states[i], NextAttemptAt = now.AddDays(1) });
        }
    }
}
