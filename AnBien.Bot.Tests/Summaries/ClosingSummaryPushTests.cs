using AnBien.Bot.Admin;
using AnBien.Bot.Announcements;
using AnBien.Bot.Schedule;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AnBien.Bot.Tests.Summaries;

public sealed class ClosingSummaryPushTests
{
    [Fact]
    public Task AfterPeriodCloseEachHeadGetsTheirUnitsSummaryOnceAndTheCouncilTheRanking() => CloseAndLookAsync("Sqlite", 1);

    [PostgresFact]
    public Task TwoInstancesOnPostgresPushEachSummaryOnce() => CloseAndLookAsync("Postgres", 2);

    private static async Task CloseAndLookAsync(string provider, int instances)
    {
        var transport = new RecordingTransport(() => DateTimeOffset.UtcNow);
        void Fakes(IServiceCollection services)
        {
            services.RemoveAll<IAnnouncementTransport>();
            services.AddSingleton<IAnnouncementTransport>(transport);
        }

        await using var first = await BotApplication.StartAsync(provider, services: Fakes);
        var apps = new List<BotApplication> { first };
        for (var i = 1; i < instances; i++) apps.Add(BotApplication.StartOn(first.Database, services: Fakes, now: first.Clock.GetUtcNow()));
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.Equal(0, await AdminCommandLine.RunAsync(first.Services, ["period", "open", "2026-11"], output, error));
            var ids = await FakeChannelPeople.LinkEveryoneAsync(first);
            await FakeChannelPeople.SubmitAsync(first, ids["NV009"]);
            Assert.Equal(0, await AdminCommandLine.RunAsync(first.Services, ["period", "close", "2026-11"], output, error));
            await DeliverAsync(apps);
            Assert.Empty(transport.Sent);

            // Every instance looks twice: the hand-over, and the deliveries, happen once all the same.
            for (var look = 0; look < 2; look++)
            {
                await Task.WhenAll(apps.Select(a => a.Services.GetRequiredService<RhythmScheduler>().RunDueAsync(default)));
                await DeliverAsync(apps);
            }

            await using var db = first.CreateDbContext();
            var staff = await db.Staff.Include(s => s.Unit).Where(s => s.Active).ToListAsync();
            var sent = transport.Sent.ToList();
            foreach (var person in staff)
            {
                var mine = sent.Where(s => s.StaffId == person.Id).Select(s => s.Message.Text).ToList();
                var summaries = mine.Where(t => t.StartsWith("Tổng hợp ", StringComparison.Ordinal)).ToList();
                var isHead = person.Roles.HasFlag(StaffRoles.UnitHead);
                var isCouncil = person.Roles.HasFlag(StaffRoles.Council);
                Assert.Equal((isHead ? 1 : 0) + (isCouncil ? 1 : 0), summaries.Count);
                if (isHead)
                {
                    Assert.Single(summaries, t => t.StartsWith($"Tổng hợp {person.Unit!.Name} – tháng 11/2026", StringComparison.Ordinal)
                        && !t.Contains("Xếp hạng các đơn vị", StringComparison.Ordinal));
                }

                if (isCouncil)
                {
                    var ranking = Assert.Single(summaries, t => t.Contains("Xếp hạng các đơn vị", StringComparison.Ordinal));
                    Assert.Contains("\n1. Phòng Kinh tế: 1/", ranking, StringComparison.Ordinal);
                }

                Assert.Single(mine, t => t.StartsWith("Kỳ tự đánh giá tháng 11/2026 đã khóa", StringComparison.Ordinal));
            }

            // Each push is a summary seen, so it is audited like one (two racing instances may both write it).
            var audited = await db.Audit.CountAsync(a => a.Action == Bot.Summaries.ClosingSummaryPush.Action && a.Outcome == Bot.Summaries.SummaryAudit.Allowed);
            if (instances == 1) Assert.Equal(staff.Count(s => s.Roles.HasFlag(StaffRoles.UnitHead)), audited);
        }
        finally
        {
            foreach (var app in apps.Skip(1)) await app.DisposeAsync();
        }
    }

    private static Task<int[]> DeliverAsync(IEnumerable<BotApplication> apps) =>
        Task.WhenAll(apps.Select(a => a.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default)));
}
