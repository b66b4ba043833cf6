using Cronos;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Schedule;

/// <summary>
/// Runs each step's latest due occurrence once. Only the latest is considered, so after downtime a missed occurrence
/// is caught up once and older ones are not replayed; a step may defer (a reminder outside working hours) and is then
/// tried again on the next look until a newer occurrence supersedes it.
/// </summary>
public sealed partial class RhythmScheduler(
    IEnumerable<IRhythmStep> steps,
    ClosePeriodStep closing,
    OccurrenceLease leases,
    WorkingCalendar calendar,
    IOptions<ScheduleOptions> options,
    TimeProvider clock,
    ILogger<RhythmScheduler> logger)
{
    public string Instance { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>One look at the clock: runs every step whose latest occurrence is due and not yet done. Returns the steps run to completion.</summary>
    public async Task<IReadOnlyList<string>> RunDueAsync(CancellationToken ct)
    {
        var completed = new List<string>();
        var now = clock.GetUtcNow();
        foreach (var step in steps)
        {
            var cron = step.Cron(options.Value);
            if (string.IsNullOrWhiteSpace(cron)) continue;
            var due = CronExpression.Parse(cron)
                .GetOccurrences(now - options.Value.CatchUp, now, calendar.Zone, fromInclusive: false, toInclusive: true)
                .LastOrDefault().ToUniversalTime();
            if (due == DateTimeOffset.MinValue || !await leases.TryClaimAsync(step.Name, due, Instance, ct)) continue;

            StepOutcome outcome;
            try
            {
                outcome = await step.RunAsync(due, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, step.Name, due, ex.GetType().Name);
                outcome = StepOutcome.Deferred($"failed: {ex.GetType().Name}");
            }

            await leases.FinishAsync(step.Name, due, outcome, CancellationToken.None);
            LogRan(logger, step.Name, due, outcome.Note);
            if (outcome.Done) completed.Add(step.Name);
        }

        foreach (var month in await closing.HandOverClosedAsync(ct)) LogHandedOver(logger, month);

        return completed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rhythm step {Step} due {DueAt:u}: {Outcome}")]
    private static partial void LogRan(ILogger logger, string step, DateTimeOffset dueAt, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Period {Month}, closed by hand, handed over")]
    private static partial void LogHandedOver(ILogger logger, string month);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rhythm step {Step} due {DueAt:u} failed ({Error}); tried again on the next look")]
    private static partial void LogFailed(ILogger logger, string step, DateTimeOffset dueAt, string error);
}
