using AnBien.Bot.Conversations.Outbox;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Outbox;

/// <summary>
/// Sends what no request is sending: retries that came due, rows left by an instance that died (their lease ran
/// out), proactive messages. Runs on every instance; the dispatcher's leases keep them from sending anything twice.
/// </summary>
public sealed partial class OutboxWorker(
    OutboxDispatcher dispatcher,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Deliver) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await dispatcher.SendDueAsync(stoppingToken) > 0)
                {
                }

                if (clock.GetUtcNow() - _lastPurge > TimeSpan.FromHours(1))
                {
                    _lastPurge = clock.GetUtcNow();
                    await dispatcher.PurgeAsync(stoppingToken);
                }

                await signal.WaitAsync(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be briefly away; the rows wait for the next round (or a wake-up, as after any round).
                LogRoundFailed(logger, ex.GetType().Name);
                await signal.WaitAsync(options.Value.PollInterval, clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox round failed ({Error})")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}
