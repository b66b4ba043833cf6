using System.Diagnostics;
using AnBien.Bot.Announcements;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit.Abstractions;

namespace AnBien.Bot.Tests.Announcements;

/// <summary>
/// The figures in BENCHMARKS.md: 50,000 recipients on PostgreSQL with an unlimited fake channel. Opt-in (ANBIEN_BENCH=1)
/// because it loads the machine; it checks the counts and reports the times
/// (targets: enqueue &lt; 2 s, delivery ≥ 2,000/s).
/// </summary>
public sealed class AnnouncementBenchmarkTests(ITestOutputHelper output)
{
    private const int Recipients = 50_000;

    [BenchmarkFact]
    public async Task FiftyThousandRecipientsAreQueuedAndDeliveredOnceWithTimesReported()
    {
        var transport = new RecordingTransport(() => DateTimeOffset.UtcNow);
        await using var app = await BotApplication.StartAsync("Postgres", new() { ["Announcements:Parallelism"] = "64", ["Announcements:BatchSize"] = "1000" },
            services: s =>
            {
                s.RemoveAll<IAnnouncementTransport>();
                s.AddSingleton<IAnnouncementTransport>(transport);
            });
        await using (var db = app.CreateDbContext())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var unit = await db.Units.Select(u => u.Id).FirstAsync();
            var existing = await db.Staff.CountAsync();
            for (var i = existing; i < Recipients; i++) db.Staff.Add(new Staff { Code = $"B{i:D6}", FullName = $"Cán bộ {i}", UnitId = unit });
            await db.SaveChangesAsync();
            var ids = await db.Staff.Select(s => s.Id).ToListAsync();
            db.ChannelAccounts.AddRange(ids.Select(id => new ChannelAccount
            {
                Channel = "fake", ChannelUserId = $"u{id}", StaffId = id, LinkedBy = "bench", LastInteractionAt = app.Clock.GetUtcNow(),
            }));
            await db.SaveChangesAsync();
        }

        var service = app.Services.GetRequiredService<AnnouncementService>();
        var enqueue = Stopwatch.StartNew();
        var announcement = await service.CreateAsync(new AnnouncementDraft("Benchmark", AnnouncementAudience.Everyone, "bench"), default);
        enqueue.Stop();

        var worker = app.Services.GetRequiredService<AnnouncementDeliveryWorker>();
        var deliver = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => worker.DeliverDueAsync(default)));
        deliver.Stop();

        var rate = Recipients / deliver.Elapsed.TotalSeconds;
        output.WriteLine($"enqueue {Recipients} recipients: {enqueue.Elapsed.TotalSeconds:0.00} s; delivery: {deliver.Elapsed.TotalSeconds:0.0} s = {rate:0} deliveries/s");
        Console.WriteLine($"BENCH enqueue {enqueue.Elapsed.TotalSeconds:0.00} s; delivery {deliver.Elapsed.TotalSeconds:0.0} s = {rate:0}/s");
        Assert.Equal(Recipients, announcement.RecipientCount);
        Assert.Equal(Recipients, transport.Sent.Count);
    }
}
