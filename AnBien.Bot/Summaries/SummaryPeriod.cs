using System.Globalization;
using System.Text.RegularExpressions;

namespace AnBien.Bot.Summaries;

/// <summary>
/// The months a summary covers: a month "2026-10", a quarter "2026-Q3", a year "2026", or a range
/// "2026-01-15..2026-06-30" (every month that range touches, since periods are monthly).
/// </summary>
public sealed partial record SummaryPeriod(string Label, DateOnly First, DateOnly Last)
{
    public int MonthCount => (Last.Year - First.Year) * 12 + Last.Month - First.Month + 1;

    /// <summary>The months as stored on periods, "yyyy-MM".</summary>
    public IReadOnlyList<string> Months =>
        Enumerable.Range(0, MonthCount).Select(i => First.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();

    public static SummaryPeriod Parse(string text)
    {
        text = text.Trim();
        if (MonthPattern().Match(text) is { Success: true } m)
        {
            var first = Month(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            return new SummaryPeriod(text, first, first);
        }

        if (QuarterPattern().Match(text) is { Success: true } q)
        {
            var year = int.Parse(q.Groups[1].Value, CultureInfo.InvariantCulture);
            var first = Month(year, (int.Parse(q.Groups[2].Value, CultureInfo.InvariantCulture) - 1) * 3 + 1);
            return new SummaryPeriod(text.ToUpperInvariant(), first, first.AddMonths(2));
        }

        if (YearPattern().IsMatch(text))
        {
            var year = int.Parse(text, CultureInfo.InvariantCulture);
            return new SummaryPeriod(text, Month(year, 1), Month(year, 12));
        }

        var parts = text.Split("..");
        if (parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            && from <= to)
        {
            return new SummaryPeriod(text, Month(from.Year, from.Month), Month(to.Year, to.Month));
        }

        throw new ArgumentException($"'{text}' is not a period: use yyyy-MM, yyyy-Qn, yyyy or yyyy-MM-dd..yyyy-MM-dd.");
    }

    /// <summary>The period of the same length just before this one (the month, quarter or year before).</summary>
    public SummaryPeriod Previous()
    {
        var first = First.AddMonths(-MonthCount);
        var last = First.AddMonths(-1);
        var label = Label switch
        {
            _ when MonthPattern().IsMatch(Label) => first.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            _ when QuarterPattern().IsMatch(Label) => $"{first.Year}-Q{(first.Month - 1) / 3 + 1}",
            _ when YearPattern().IsMatch(Label) => first.Year.ToString(CultureInfo.InvariantCulture),
            _ => $"{first:yyyy-MM-dd}..{last.AddMonths(1).AddDays(-1):yyyy-MM-dd}",
        };
        return new SummaryPeriod(label, first, last);
    }

    private static DateOnly Month(int year, int month) =>
        month is >= 1 and <= 12 && year is >= 2000 and <= 2999
            ? new DateOnly(year, month, 1)
            : throw new ArgumentException($"{year}-{month:00} is not a month.");

    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(\d{4})-[Qq]([1-4])$")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearPattern();
}
