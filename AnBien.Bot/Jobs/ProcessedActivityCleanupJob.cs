using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Jobs;

/// <summary>
/// Forgets activity ids once no channel would redeliver them (Bot Framework and Zalo retry within hours), so the
/// de-duplication table stays small. Safe on every instance at once: it is one idempotent DELETE.
/// </summary>
public sealed partial class ProcessedActivityCleanupJob(BotDbContextFactory databases, TimeProvider clock, ILogger<ProcessedActivityCleanupJob> logger)
    : PeriodicJob(clock, logger)
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(14);
    protected override TimeSpan Every => TimeSpan.FromHours(6);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var before = Clock.GetUtcNow() - Keep;
        await using var db = databases.Create();
        var removed = await db.ProcessedActivities.Where(p => p.ProcessedAt < before).ExecuteDeleteAsync(ct);
        if (removed > 0) LogRemoved(Logger, removed);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} processed activity ids older than the redelivery horizon")]
    private static partial void LogRemoved(ILogger logger, int count);
}
