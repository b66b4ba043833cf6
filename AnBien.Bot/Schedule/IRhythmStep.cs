namespace AnBien.Bot.Schedule;

/// <summary>One step of the monthly rhythm, run by <see cref="RhythmScheduler"/> once per occurrence of its cron expression.</summary>
public interface IRhythmStep
{
    /// <summary>Stable name, part of the occurrence key in the database.</summary>
    string Name { get; }

    /// <summary>Its expression in the settings; empty switches the step off.</summary>
    string Cron(ScheduleOptions schedule);

    Task<StepOutcome> RunAsync(DateTimeOffset dueAt, CancellationToken ct);
}
