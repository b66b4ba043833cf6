namespace AnBien.Bot.Assessment;

/// <summary>
/// How a month's period is placed in time. The open and close instants come from the monthly rhythm's cron
/// expressions (<c>Schedule:OpenPeriod</c>, <c>Schedule:ClosePeriod</c>, see Schedule/ScheduleOptions.cs), copied here
/// so every caller of <see cref="PeriodWindow"/> sees one rule; the defaults are the plan's 25th-to-5th window.
/// </summary>
public sealed class PeriodOptions
{
    public const string Section = "Periods";

    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>Cron (local time) of the opening; empty when the council opens periods by hand.</summary>
    public string OpenCron { get; set; } = "0 0 25 * *";

    /// <summary>Cron (local time) of the closing: 00:00 on the 6th is the end of the 5th.</summary>
    public string CloseCron { get; set; } = "0 0 6 * *";

    public bool AutoOpen => !string.IsNullOrWhiteSpace(OpenCron);
}
