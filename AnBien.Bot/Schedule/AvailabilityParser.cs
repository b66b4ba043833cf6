using System.Text.RegularExpressions;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Schedule;

/// <summary>
/// Reads a reply to a reminder: "nhắc lại sau" (snooze until tomorrow) or "tôi nghỉ phép đến 15/12" (on leave through
/// that day), with or without diacritics, dates as dd/MM or dd/MM/yyyy. A dd/MM already past this year means next year.
/// </summary>
public static partial class AvailabilityParser
{
    private static readonly string[] SnoozePhrases = ["nhac lai sau", "nhac sau", "nhac lai ngay mai", "nhac toi sau", "de sau nhac", "remind me later", "snooze"];

    public static AvailabilityRequest? Parse(string? text, DateTimeOffset now, TimeZoneInfo zone)
    {
        var folded = TextNormalizer.Fold(text);
        if (folded.Length == 0) return null;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

        if (IsLeave(folded))
        {
            return ParseDate(folded, today) is { } through && through >= today ? AvailabilityRequest.Leave(through) : null;
        }

        if (SnoozePhrases.Any(p => (" " + folded + " ").Contains(" " + p + " ", StringComparison.Ordinal)))
        {
            var tomorrow = today.AddDays(1).ToDateTime(TimeOnly.MinValue);
            return AvailabilityRequest.Snooze(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(tomorrow, zone), TimeSpan.Zero));
        }

        return null;
    }

    private static bool IsLeave(string folded)
    {
        var words = folded.Split(' ');
        return words.Contains("nghi") && (words.Contains("phep") || words.Contains("den") || words.Contains("toi") || words.Contains("het"))
            || folded.Contains("on leave", StringComparison.Ordinal);
    }

    private static DateOnly? ParseDate(string folded, DateOnly today)
    {
        var m = DayMonth().Match(folded);
        if (!m.Success) return null;
        var day = int.Parse(m.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var explicitYear = m.Groups["y"].Success;
        var year = explicitYear ? int.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture) : today.Year;
        if (year < 100) year += 2000;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        var date = new DateOnly(year, month, day);
        return !explicitYear && date < today && month < today.Month ? date.AddYears(1) : date;
    }

    // TextNormalizer turns "/" and "." into spaces and keeps "-" between digits: 15/12, 15.12, 15-12, 15 thang 12.
    [GeneratedRegex(@"(?<!\d)(?<d>\d{1,2})(?:\s+thang\s+|[\s\-]+)(?<m>\d{1,2})(?:(?:\s+nam\s+|[\s\-]+)(?<y>\d{4}|\d{2}))?(?!\d)")]
    private static partial Regex DayMonth();
}
