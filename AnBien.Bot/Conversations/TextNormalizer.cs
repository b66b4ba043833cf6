using System.Globalization;
using System.Text;

namespace AnBien.Bot.Conversations;

/// <summary>Folds what people type so "Thường Xuyên", "thuong xuyen" and "THUONG  XUYEN!" compare equal.</summary>
public static class TextNormalizer
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastSpace = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            var c = ch switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(ch) };
            if (char.IsLetterOrDigit(c) || c == '-' && sb.Length > 0 && char.IsDigit(sb[^1]))
            {
                sb.Append(c);
                lastSpace = false;
            }
            else if (!lastSpace && sb.Length > 0)
            {
                sb.Append(' ');
                lastSpace = true;
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>First letters of the words: "thuong xuyen" → "tx", "chua thuc hien" → "cth".</summary>
    public static string Initials(string folded) =>
        string.Concat(folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[0]));
}
