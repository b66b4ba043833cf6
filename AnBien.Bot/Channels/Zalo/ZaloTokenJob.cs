using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Refreshes the access token before it expires even when nobody writes to the bot, which also keeps the 3-month
/// refresh token alive (docs/protocols/zalo.md §3.4: refresh at about 20 h, a daily cron is too close to 25 h).
/// </summary>
public sealed partial class ZaloTokenJob(ZaloTokenStore tokens, IOptions<ZaloOptions> options, TimeProvider clock, ILogger<ZaloTokenJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await tokens.RefreshIfDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged here; a refused refresh token has already raised the alarm.
                LogCheckFailed(logger, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(options.Value.TokenCheckInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo token check failed ({Error})")]
    private static partial void LogCheckFailed(ILogger logger, string error);
}
