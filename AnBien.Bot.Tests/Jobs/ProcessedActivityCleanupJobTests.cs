using AnBien.Bot.Jobs;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AnBien.Bot.Tests.Jobs;

public sealed class ProcessedActivityCleanupJobTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OldActivityIdsAreForgottenAndRecentOnesKept(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        await using (var db = app.CreateDbContext())
        {
            db.ProcessedActivities.Add(new ProcessedActivity { Channel = "msteams", ActivityId = "old", ProcessedAt = BotApplication.DefaultNow.AddDays(-15) });
            db.ProcessedActivities.Add(new ProcessedActivity { Channel = "msteams", ActivityId = "recent", ProcessedAt = BotApplication.DefaultNow.AddDays(-2) });
            await db.SaveChangesAsync();
        }

        var removed = await app.Services.GetServices<IHostedService>().OfType<ProcessedActivityCleanupJob>().Single().RunOnceAsync(default);

        Assert.Equal(1, removed);
        await using var check = app.CreateDbContext();
        Assert.Equal(["recent"], await check.ProcessedActivities.Select(p => p.ActivityId).ToListAsync());
    }
}
