using Cronos;

namespace AnBien.Bot.Assessment;

/// <summary>
/// The default open/close instants of a month's period: the opening cron's first occurrence in that month and the
/// closing cron's first occurrence after it, in the configured time zone.
/// </summary>
public sealed record PeriodWindow(string Month, DateTimeOffset OpensAt, DateTimeOffset ClosesAt)
{
    public static PeriodWindow For(int year, int month, PeriodOptions options)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var monthStart = ToUtc(new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified), zone);
        var opensAt = options.AutoOpen
            ? CronExpression.Parse(options.OpenCron).GetNextOccurrence(monthStart, zone, inclusive: true) ?? monthStart
            : monthStart;
        var closesAt = CronExpression.Parse(options.CloseCron).GetNextOccurrence(opensAt, zone, inclusive: false)
            ?? throw new InvalidOperationException($"The closing cron '{options.CloseCron}' never occurs after {opensAt:u}.");
        // Stored instants are UTC (PostgreSQL refuses other offsets; SQLite compares the stored ticks).
        return new PeriodWindow($"{year:D4}-{month:D2}", opensAt.ToUniversalTime(), closesAt.ToUniversalTime());
    }

    /// <summary>The window that contains <paramref name="now"/>, if any (between the close and the next opening there is none).</summary>
    public static PeriodWindow? Containing(DateTimeOffset now, PeriodOptions options)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var thisMonth = For(local.Year, local.Month, options);
        if (now >= thisMonth.OpensAt && now < thisMonth.ClosesAt) return thisMonth;
        var previous = local.AddMonths(-1);
        var lastMonth = For(previous.Year, previous.Month, options);
        return now >= lastMonth.OpensAt && now < lastMonth.ClosesAt ? lastMonth : null;
    }

    /// <summary>The next default opening after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextOpening(DateTimeOffset now, PeriodOptions options)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var candidate = For(local.Year, local.Month, options);
        if (candidate.OpensAt > now) return candidate.OpensAt;
        var next = local.AddMonths(1);
        return For(next.Year, next.Month, options).OpensAt;
    }

    /// <summary>The month whose period an opening at <paramref name="opensAt"/> starts.</summary>
    public static string MonthOf(DateTimeOffset opensAt, PeriodOptions options)
    {
        var local = TimeZoneInfo.ConvertTime(opensAt, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
        return $"{local.Year:D4}-{local.Month:D2}";
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
}
