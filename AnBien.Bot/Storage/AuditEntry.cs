namespace AnBien.Bot.Storage;

/// <summary>Who looked at which figures, when, and whether they were allowed: every summary, workbook and refusal.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The staff code of the person who asked, or "cli" for the administrator's command line.</summary>
    public required string Actor { get; set; }

    /// <summary>"summary.view", "summary.workbook", "summary.chart".</summary>
    public required string Action { get; set; }

    /// <summary>The unit code, "+" when sub-units are included, and the period, e.g. "SO-NV+ 2026-Q3".</summary>
    public required string Scope { get; set; }

    /// <summary>"allowed" or "denied".</summary>
    public required string Outcome { get; set; }
}
