namespace AnBien.Bot.Schedule;

/// <summary>
/// One run of a rhythm step at one due time. The primary key (job, due time) is what makes an occurrence run once
/// across instances: the instance whose insert wins holds it until <see cref="LeaseUntil"/> or completion.
/// </summary>
public sealed class JobOccurrence
{
    public required string Job { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public required string Instance { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset LeaseUntil { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>What the run did ("opened 2026-12", "reminded 14", "skipped: period closed"), for operators.</summary>
    public string? Outcome { get; set; }
}
