using AnBien.Bot.Schedule;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Jobs;

/// <summary>Looks at the monthly rhythm every Schedule:Tick; every instance may run it, the occurrence lease picks one.</summary>
public sealed partial class RhythmJob(RhythmScheduler scheduler, IOptions<ScheduleOptions> options, TimeProvider clock, ILogger<RhythmJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Tick, clock);
        do
        {
            try
            {
                await scheduler.RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking at the monthly rhythm failed ({Error}); next look in one tick")]
    private static partial void LogFailed(ILogger logger, string error);
}
