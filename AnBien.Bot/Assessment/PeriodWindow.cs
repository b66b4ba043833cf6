namespace AnBien.Bot.Assessment;

/// <summary>The default open/close instants of a month's period, from the configured days in the configured time zone.</summary>
public sealed record PeriodWindow(string Month, DateTimeOffset OpensAt, DateTimeOffset ClosesAt)
{
    public static PeriodWindow For(int year, int month, PeriodOptions options)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var opensLocal = new DateTime(year, month, options.OpenDay, 0, 0, 0, DateTimeKind.Unspecified);
        var next = new DateTime(year, month, 1).AddMonths(1);
        var closesLocal = new DateTime(next.Year, next.Month, options.CloseDay, 0, 0, 0, DateTimeKind.Unspecified).AddDays(1);
        return new PeriodWindow($"{year:D4}-{month:D2}", ToUtc(opensLocal, zone), ToUtc(closesLocal, zone));
    }

    /// <summary>The window that contains <paramref name="now"/>, if any (between the close day and the open day there is none).</summary>
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

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone) =>
        new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
}
