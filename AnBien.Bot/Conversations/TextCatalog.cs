using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AnBien.Bot.Conversations;

/// <summary>
/// Everything the bot says, looked up by key from Resources/texts/{vi,en}.json so wording is reviewed without reading
/// C#. Placeholders are named: "Tháng {month}". Vietnamese is the reference; English falls back to it.
/// </summary>
public sealed class TextCatalog
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _texts = new(StringComparer.OrdinalIgnoreCase);

    public TextCatalog(string folder)
    {
        foreach (var lang in new[] { Vietnamese, English })
        {
            var path = Path.Combine(folder, $"{lang}.json");
            var json = File.ReadAllText(path, Encoding.UTF8);
            _texts[lang] = JsonSerializer.Deserialize<Dictionary<string, string>>(json)
                ?? throw new InvalidOperationException($"Text file '{path}' is empty.");
        }

        var missing = _texts[English].Keys.Except(_texts[Vietnamese].Keys).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Keys in en.json missing from vi.json: {string.Join(", ", missing)}");
        }
    }

    public static TextCatalog FromAppFolder() =>
        new(Path.Combine(AppContext.BaseDirectory, "Resources", "texts"));

    public static CultureInfo Culture(string language) =>
        CultureInfo.GetCultureInfo(language == English ? "en-GB" : "vi-VN");

    public string Get(string language, string key, params (string Name, object? Value)[] args)
    {
        if (!_texts.TryGetValue(language, out var texts) || !texts.TryGetValue(key, out var template))
        {
            template = _texts[Vietnamese].TryGetValue(key, out var vi) ? vi : throw new KeyNotFoundException($"No text '{key}'.");
        }

        if (args.Length == 0) return template;
        var culture = Culture(language);
        var sb = new StringBuilder(template);
        foreach (var (name, value) in args)
        {
            sb.Replace("{" + name + "}", Convert.ToString(value, culture));
        }

        return sb.ToString();
    }
}
