using System.Globalization;
using System.Text.RegularExpressions;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// What "báo cáo năm 2026" and "đề xuất khen thưởng" ask for, read without case or diacritics ("bao cao nam 2026",
/// "de xuat khen thuong 2025"). A year left out is the current one.
/// </summary>
public static partial class YearlyReportWords
{
    public const string Command = "cmd:awards";

    /// <summary>Words that ask for the report; the award words ask for the candidates first.</summary>
    public static readonly string[] ReportWords = ["báo cáo năm", "yearly report"];

    public static readonly string[] AwardWords = ["đề xuất khen thưởng", "khen thưởng", "awards"];

    public static IReadOnlyList<string> Words => [.. ReportWords, .. AwardWords];

    /// <summary>Whether the message asks for either, or is the menu button's value.</summary>
    public static bool AreAsked(string? input)
    {
        var folded = TextNormalizer.Fold(input);
        return folded.Length > 0 && (folded == TextNormalizer.Fold(Command) || Words.Any(w => Starts(folded, w)));
    }

    /// <summary>The year asked for (<paramref name="currentYear"/> when none is named) and whether the awards were asked for.</summary>
    public static (int Year, bool Awards) Read(string? input, int currentYear)
    {
        var folded = TextNormalizer.Fold(input);
        var year = YearPattern().Match(folded) is { Success: true } m ? int.Parse(m.Value, CultureInfo.InvariantCulture) : currentYear;
        return (year, AwardWords.Any(w => Starts(folded, w)));
    }

    private static bool Starts(string folded, string words)
    {
        var w = TextNormalizer.Fold(words);
        return folded == w || folded.StartsWith(w + " ", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b2\d{3}\b")]
    private static partial Regex YearPattern();
}
