using AnBien.Bot.Announcements;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Jobs;

/// <summary>Runs <see cref="AnnouncementDeliveryWorker"/> in the service: delivers whatever is due, then looks again after a pause.</summary>
public sealed partial class AnnouncementDeliveryJob(AnnouncementDeliveryWorker worker, IOptions<AnnouncementOptions> options, TimeProvider clock,
    ILogger<AnnouncementDeliveryJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeliveryEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await worker.DeliverDueAsync(stoppingToken);
                if (handled > 0) LogDelivered(logger, handled);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.GetType().Name);
            }

            await Task.Delay(options.Value.Poll, clock, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handled {Count} announcement deliveries")]
    private static partial void LogDelivered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcement delivery pass failed ({Error}); trying again shortly")]
    private static partial void LogFailed(ILogger logger, string error);
}
