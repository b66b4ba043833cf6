using AnBien.Bot.Announcements;
using AnBien.Bot.Schedule;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AnBien.Bot.Tests.Schedule;

public sealed class RhythmSchedulerTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    // Reminders at 06:00 (outside working hours: caught up at the first working hour) and 14:00, three at most;
    // Friday 27/11 is made a holiday.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Schedule:Remind"] = "0 6,14 * * *",
        ["Schedule:MaxReminders"] = "3",
        ["Schedule:ExtraHolidays:0"] = "2026-11-27",
        // The walk moves the clock by hours while an instance may still be inside a step; with the 15-minute default lease
        // the other instance then took the occurrence over and ran it again (a slow step, not a crash, which this test
        // is not about). A lease longer than the walk keeps each occurrence with the instance that claimed it.
        ["Schedule:Lease"] = "60.00:00:00",
    };

    [Fact]
    public Task AWholeMonthOpensRemindsOnlyNonSubmittersInWorkingHoursClosesAndHandsOverOnce() => WalkTheMonthAsync("Sqlite", 1);

    [PostgresFact]
    public Task TwoInstancesOnPostgresWalkTheMonthWithEveryStepRunOnce() => WalkTheMonthAsync("Postgres", 2);

    private async Task WalkTheMonthAsync(string provider, int instances)
    {
        var transport = new RecordingTransport(() => _now);
        var handlers = new RecordingRhythmHandlers();
        void Fakes(IServiceCollection services)
        {
            services.RemoveAll<IAnnouncementTransport>();
            services.AddSingleton<IAnnouncementTransport>(transport);
            services.AddSingleton<IPeriodClosedHandler>(handlers);
            services.AddSingleton<ICouncilDigestHandler>(handlers);
        }

        _now = new DateTimeOffset(2026, 11, 24, 0, 0, 0, Vietnam);
        await using var first = await BotApplication.StartAsync(provider, Settings, now: _now, services: Fakes);
        var apps = new List<BotApplication> { first };
        for (var i = 1; i < instances; i++) apps.Add(BotApplication.StartOn(first.Database, Settings, services: Fakes, now: _now));
        try
        {
            var ids = await FakeChannelPeople.LinkEveryoneAsync(first);
            var (submitter, onLeave, snoozer, other) = (ids["NV005"], ids["NV006"], ids["NV007"], ids["NV008"]);
            var availability = first.Services.GetRequiredService<AvailabilityService>();
            var zone = first.Services.GetRequiredService<WorkingCalendar>().Zone;

            for (; _now <= new DateTimeOffset(2026, 12, 8, 0, 0, 0, Vietnam); _now = _now.AddHours(1))
            {
                foreach (var app in apps) app.Clock.SetUtcNow(_now.ToUniversalTime());
                if (_now == new DateTimeOffset(2026, 11, 24, 10, 0, 0, Vietnam))
                {
                    await availability.RecordAsync(onLeave, AvailabilityParser.Parse("toi nghi phep den 30/11", _now, zone)!, default);
                }

                if (_now == new DateTimeOffset(2026, 11, 25, 10, 0, 0, Vietnam)) await FakeChannelPeople.SubmitAsync(first, submitter);
                if (_now == new DateTimeOffset(2026, 11, 25, 12, 0, 0, Vietnam))
                {
                    await availability.RecordAsync(snoozer, AvailabilityParser.Parse("Nhắc lại sau", _now, zone)!, default);
                }

                await Task.WhenAll(apps.Select(a => a.Services.GetRequiredService<RhythmScheduler>().RunDueAsync(default)));
                await Task.WhenAll(apps.Select(a => a.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default)));
            }

            var sent = transport.Sent.ToList();
            var opened = sent.Where(s => s.Message.Text.StartsWith("Kỳ tự đánh giá văn hóa công sở tháng 11/2026 đã mở", StringComparison.Ordinal)).ToList();
            Assert.Equal(ids.Count, opened.Count);
            Assert.Equal(ids.Values.Order(), opened.Select(s => s.StaffId).Order());
            Assert.All(opened, s => Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, Vietnam), s.At));

            var reminders = sent.Where(s => s.Message.Text.StartsWith("Anh/chị chưa gửi tự đánh giá tháng 11/2026", StringComparison.Ordinal)).ToList();
            string[] Times(int staffId) => reminders.Where(r => r.StaffId == staffId)
                .Select(r => r.At.ToOffset(Vietnam).ToString("dd/MM HH:mm", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(["25/11 08:00", "25/11 14:00", "26/11 08:00"], Times(other));
            Assert.Equal(["25/11 08:00"], Times(submitter));
            Assert.Equal(["25/11 08:00", "26/11 08:00", "26/11 14:00"], Times(snoozer));
            Assert.Equal(["01/12 08:00", "01/12 14:00", "02/12 08:00"], Times(onLeave));
            Assert.Equal(3 * (ids.Count - 1) + 1, reminders.Count);

            var closed = sent.Where(s => s.Message.Text.StartsWith("Kỳ tự đánh giá tháng 11/2026 đã khóa", StringComparison.Ordinal)).ToList();
            Assert.Equal(ids.Count, closed.Count);
            Assert.All(closed, s => Assert.Equal(new DateTimeOffset(2026, 12, 6, 0, 0, 0, Vietnam), s.At));
            // Besides the notices, each head's summary and the council's (ClosingSummaryPushTests looks at them closely).
            var summaries = sent.Where(s => s.Message.Text.StartsWith("Tổng hợp ", StringComparison.Ordinal)).ToList();
            await using (var staffDb = first.CreateDbContext())
            {
                var pushed = await staffDb.Staff.CountAsync(s => s.Active && (s.Roles & StaffRoles.UnitHead) != 0)
                    + await staffDb.Staff.CountAsync(s => s.Active && (s.Roles & StaffRoles.Council) != 0);
                Assert.Equal(pushed, summaries.Count);
            }

            Assert.Equal(opened.Count + reminders.Count + closed.Count + summaries.Count, sent.Count);

            Assert.Equal(["2026-11"], handlers.Closed);
            Assert.Equal(["2026-11"], handlers.Digests);
            await using var db = first.CreateDbContext();
            var period = await db.Periods.SingleAsync();
            Assert.Equal(new DateTimeOffset(2026, 12, 6, 0, 0, 0, Vietnam), period.ClosedAt);
        }
        finally
        {
            foreach (var app in apps.Skip(1)) await app.DisposeAsync();
        }
    }

    private DateTimeOffset _now;
}
