using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Jobs;

/// <summary>
/// Forgets activity ids once no channel would redeliver them (Bot Framework and Zalo retry within hours), so the
/// de-duplication table stays small. Safe on every instance at once: it is one idempotent DELETE.
/// </summary>
public sealed partial class ProcessedActivityCleanupJob(BotDbContextFactory databases, TimeProvider clock, ILogger<ProcessedActivityCleanupJob> logger)
    : BackgroundService
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(14);
    private static readonly TimeSpan Every = TimeSpan.FromHours(6);

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - Keep;
        await using var db = databases.Create();
        var removed = await db.ProcessedActivities.Where(p => p.ProcessedAt < before).ExecuteDeleteAsync(ct);
        if (removed > 0) LogRemoved(logger, removed);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} processed activity ids older than the redelivery horizon")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processed-activity clean-up failed ({Error}); next run in 6 hours")]
    private static partial void LogFailed(ILogger logger, string error);
}
