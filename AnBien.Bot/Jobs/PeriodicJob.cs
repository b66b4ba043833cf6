namespace AnBien.Bot.Jobs;

/// <summary>
/// A housekeeping job that runs at start-up and then every <see cref="Every"/> on the injected clock; a failed run is
/// logged (without personal data) and the next one comes on time. Each run must be safe on every instance at once.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    protected abstract TimeSpan Every { get; }

    /// <summary>Off by configuration: the job does not run at all.</summary>
    protected virtual bool Enabled => true;

    /// <summary>One run; returns how many rows or people it changed.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, GetType().Name, ex.GetType().Name, Every);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} failed ({Error}); next run in {Every}")]
    private static partial void LogFailed(ILogger logger, string job, string error, TimeSpan every);
}
