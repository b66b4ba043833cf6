using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>Cuts long texts into messages within Zalo's limit, at a paragraph, else a sentence, else a word boundary.</summary>
public static class ZaloTextSplitter
{
    private static readonly string[] SentenceEnds = [". ", "? ", "! ", "… ", ".\n", "?\n", "!\n", "; "];

    public static IReadOnlyList<string> Split(string text, int max)
    {
        var parts = new List<string>();
        var rest = text.Trim();
        while (rest.Length > max)
        {
            var window = PlainText.Cut(rest, max);
            var cut = window.LastIndexOf("\n\n", StringComparison.Ordinal);
            if (cut < max / 2) cut = window.LastIndexOf('\n');
            if (cut < max / 2) cut = SentenceEnds.Select(e => window.LastIndexOf(e, StringComparison.Ordinal) is var i and >= 0 ? i + 1 : -1).Max();
            if (cut < max / 2) cut = window.LastIndexOf(' ');
            if (cut <= 0) cut = window.Length;
            parts.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0 || parts.Count == 0) parts.Add(rest);
        return parts;
    }
}
