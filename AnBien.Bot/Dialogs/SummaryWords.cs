using System.Globalization;
using System.Text.RegularExpressions;
using AnBien.Bot.Conversations;
using AnBien.Bot.Summaries;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// What "tổng hợp …" asks for, read without case or diacritics: "tổng hợp", "tong hop thang 10", "tổng hợp quý 3/2026",
/// "tổng hợp đơn vị KT". A month or quarter named without a year is the most recent one that has started.
/// </summary>
public static partial class SummaryWords
{
    public const string Words = "tổng hợp";

    /// <summary>Whether the message asks for a summary at all.</summary>
    public static bool AreAsked(string? input)
    {
        var folded = TextNormalizer.Fold(input);
        var words = TextNormalizer.Fold(Words);
        return folded == words || folded.StartsWith(words + " ", StringComparison.Ordinal);
    }

    /// <summary>The period and unit named after "tổng hợp" (each null when not named); <paramref name="today"/> is the local date.</summary>
    public static (SummaryPeriod? Period, string? Unit) Read(string? input, DateOnly today)
    {
        if (!AreAsked(input)) return (null, null);
        var rest = TextNormalizer.Fold(input)[TextNormalizer.Fold(Words).Length..].Trim();
        string? unit = null;
        if (UnitPattern().Match(rest) is { Success: true } u)
        {
            unit = u.Groups[1].Value.Trim();
            rest = rest[..u.Index].Trim();
        }

        return (PeriodOf(rest, today), unit is { Length: > 0 } ? unit : null);
    }

    private static SummaryPeriod? PeriodOf(string words, DateOnly today)
    {
        if (MonthPattern().Match(words) is { Success: true } m && Number(m.Groups[1]) is >= 1 and <= 12 and var month)
        {
            var year = m.Groups[2].Success ? Number(m.Groups[2]) : month <= today.Month ? today.Year : today.Year - 1;
            return SummaryPeriod.Parse($"{year:0000}-{month:00}");
        }

        if (QuarterPattern().Match(words) is { Success: true } q && Number(q.Groups[1]) is >= 1 and <= 4 and var quarter)
        {
            var started = (quarter - 1) * 3 + 1 <= today.Month;
            var year = q.Groups[2].Success ? Number(q.Groups[2]) : started ? today.Year : today.Year - 1;
            return SummaryPeriod.Parse($"{year:0000}-Q{quarter}");
        }

        return null;
    }

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(?:don vi|unit)\s+(.+)$")]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"\b(?:thang|month)\s*(\d{1,2})(?:\s*(?:nam\s*)?(\d{4}))?\b")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"\b(?:quy|q|quarter)\s*([1-4])(?:\s*(?:nam\s*)?(\d{4}))?\b")]
    private static partial Regex QuarterPattern();
}
