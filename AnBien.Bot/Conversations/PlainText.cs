using System.Globalization;
using System.Text;

namespace AnBien.Bot.Conversations;

/// <summary>
/// Text as every database stores it. PostgreSQL refuses a NUL character and an unpaired surrogate (SQLite takes both),
/// so input is cleaned once where it enters, and text is only ever cut between text elements: a cut through an emoji
/// or a letter with its combining marks would leave half a character that PostgreSQL then refuses for ever.
/// </summary>
public static class PlainText
{
    /// <summary>The text without NUL characters, with any unpaired surrogate replaced by U+FFFD.</summary>
    public static string? Clean(string? text)
    {
        if (text is null || !NeedsCleaning(text)) return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return clean.ToString();
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units of the text, cut at the last whole text element that fits.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var length = 0;
        while (length < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, length);
            if (length + next > max) break;
            length += next;
        }

        return text[..length];
    }

    private static bool NeedsCleaning(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return true;
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return true;
        }

        return false;
    }
}
