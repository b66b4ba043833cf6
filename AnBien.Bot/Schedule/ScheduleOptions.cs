using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Schedule;

/// <summary>
/// The monthly rhythm, as cron expressions (five fields, Cronos syntax) evaluated in <c>Periods:TimeZone</c>
/// (Asia/Ho_Chi_Minh). An empty expression switches that step off. The defaults keep the plan's 25th-to-5th window.
/// </summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";

    /// <summary>Off for a service that must not act by itself (tests, a read-only replica).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Open the month's period and announce it to everyone; empty when the council opens periods by hand.</summary>
    public string OpenPeriod { get; set; } = "0 0 25 * *";

    /// <summary>Remind those who have not submitted; runs only in working hours, so 09:00 is a typical choice.</summary>
    public string Remind { get; set; } = "0 9 1,3,5 * *";

    /// <summary>Lock the period, tell everyone and hand it to the heads' summaries; 00:00 on the 6th ends the 5th.</summary>
    public string ClosePeriod { get; set; } = "0 0 6 * *";

    /// <summary>The monthly digest to the council.</summary>
    public string CouncilDigest { get; set; } = "0 8 7 * *";

    /// <summary>Automatic reminders per person and period; a head's own "Nhắc" does not count.</summary>
    [Range(0, 31)]
    public int MaxReminders { get; set; } = 3;

    public TimeOnly WorkdayStart { get; set; } = new(7, 30);

    public TimeOnly WorkdayEnd { get; set; } = new(17, 0);

    public DayOfWeek[] WorkingDays { get; set; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Folder of public-holiday files (one JSON array of "yyyy-MM-dd" per year), relative to the app folder.</summary>
    public string HolidaysFolder { get; set; } = "Resources/holidays";

    /// <summary>Extra days off decided locally (yyyy-MM-dd), added to the files.</summary>
    public DateOnly[] ExtraHolidays { get; set; } = [];

    /// <summary>How often the service looks for due occurrences.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an instance holds an occurrence before another may take it over (it died mid-run).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far back a missed occurrence is still caught up after downtime (once, the latest only).</summary>
    public TimeSpan CatchUp { get; set; } = TimeSpan.FromDays(35);
}
