using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AnBien.Bot.Tests.Security.Fuzz;

/// <summary>
/// Seeded junk for the fuzz test: odd strings (NUL, lone surrogates, emoji cut at the bot's length limits, other
/// normalisation forms, huge and control-laden text), values of the wrong JSON type, nested junk, and bodies mangled at
/// the byte level. The same seed always gives the same junk, so a failing case is replayed from its seed alone.
/// </summary>
public sealed class Junk(int seed)
{
    private const string Emoji = "😀";

    // The bot's own length limits (note cut at 2,000, Direct Line text cut at 4,000, ids at 64/128/256): cuts land here.
    private static readonly int[] Boundaries = [63, 64, 127, 128, 255, 256, 1999, 2000, 3999, 4000];

    // Things the bot understands, so that junk reaches the dialogs and not only the parsers.
    private static readonly string[] Words =
    [
        "cmd:assess", "cmd:results", "cmd:summary", "cmd:review", "menu", "hủy", "để sau", "quay lại", "liên kết", "trợ giúp",
        "english", "tiếng việt", "Thường xuyên", "Không xảy ra", "Có", "Không", "Gửi", "Tiếp tục", "Bỏ qua", "1", "2", "0", "-1",
        "99999999999999999999", "NaN", "ABC-123", "000000", "1e309",
    ];

    private readonly Random _random = new(seed);

    public Random Random => _random;

    public bool Chance(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>An odd string: one of many shapes, sometimes glued to a word the bot knows.</summary>
    public string Text()
    {
        var text = _random.Next(19) switch
        {
            0 => "",
            1 => " \t\r\n ",
            2 => new string('x', Pick(Boundaries)) + Emoji,
            3 => new string('a', Pick(Boundaries) - 1) + Emoji + "b",
            4 => "a\0b" + Pick(Words) + "\0",
            5 => Pick(Words) + "\uD83D",
            6 => "\uDE00" + Pick(Words),
            7 => Pick(Words).Normalize(NormalizationForm.FormD),
            8 => Pick(Words).ToUpperInvariant().Normalize(NormalizationForm.FormKD),
            9 => string.Concat(Enumerable.Repeat("\u200D\u202E\uFEFF", _random.Next(1, 50))),
            10 => new string('ệ', _random.Next(2000, 12000)),
            11 => string.Concat(Enumerable.Range(0, _random.Next(1, 200)).Select(_ => (char)_random.Next(0, 32))),
            12 => "１２３", // full-width digits
            13 => "<script>alert(1)</script>'; DROP TABLE \"Answers\"; --",
            14 => "=HYPERLINK(\"http://x\")",
            15 => string.Concat(Enumerable.Repeat(Emoji + "\u0301", _random.Next(1, 3000))),
            16 => "%00%ff%2e%2e/../" + new string('/', _random.Next(1, 300)),
            17 => RandomChars(_random.Next(1, 300)),
            _ => Pick(Words),
        };
        return Chance(0.2) ? Pick(Words) + text : text;
    }

    /// <summary>An id as a channel might send, or not: long, odd, empty, with separators.</summary>
    public string Id() => _random.Next(8) switch
    {
        0 => new string('i', _random.Next(65, 12000)),
        1 => "",
        2 => "29:" + Guid.NewGuid().ToString("N"),
        3 => "a|b|c\0" + Emoji[..1],
        4 => " " + Guid.NewGuid() + " ",
        5 => "../../etc/passwd",
        6 => "00000000-0000-4000-8000-00000000000" + _random.Next(10) + "\u0000",
        _ => Text(),
    };

    /// <summary>A value of any JSON type, nested a little, including huge numbers and deep nesting.</summary>
    public JsonNode? Value(int depth = 0) => _random.Next(depth > 2 ? 6 : 10) switch
    {
        0 => null,
        1 => JsonValue.Create(Chance(0.5)),
        2 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
        3 => JsonValue.Create(_random.NextDouble() * Math.Pow(10, _random.Next(-300, 300))),
        4 => JsonValue.Create(long.MaxValue),
        5 => JsonValue.Create(Text()),
        6 => new JsonArray(Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Value(depth + 1)).ToArray()),
        7 => Deep(_random.Next(20, 200)),
        _ => Object(depth + 1),
    };

    /// <summary>An object of junk keys and values.</summary>
    public JsonObject Object(int depth = 0)
    {
        var o = new JsonObject();
        for (var i = _random.Next(0, 5); i > 0; i--) o[Chance(0.5) ? Text() : Pick(Words)] = Value(depth + 1);
        return o;
    }

    /// <summary>
    /// Breaks <paramref name="target"/> a few times: a field set to junk of any type, removed, or junk added.
    /// <paramref name="fields"/> are the paths worth hitting ("from.id"); others are invented.
    /// </summary>
    public void Mutate(JsonObject target, IReadOnlyList<string> fields, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var path = Chance(0.85) ? Pick(fields) : Text();
            var (parent, key) = Locate(target, path);
            if (parent is null) continue;
            switch (_random.Next(5))
            {
                case 0:
                    parent.Remove(key);
                    break;
                case 1:
                    parent[key] = Value();
                    break;
                case 2:
                    parent[key] = key.EndsWith("id", StringComparison.OrdinalIgnoreCase) || key.EndsWith("Id", StringComparison.Ordinal) ? Id() : Text();
                    break;
                default:
                    parent[key] = Text();
                    break;
            }
        }
    }

    /// <summary>
    /// The body as bytes, escaped by our own writer (so lone surrogates travel as \uD800 escapes, which a normal JSON
    /// writer refuses to produce), then sometimes mangled at the byte level.
    /// </summary>
    public byte[] Body(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return _random.Next(24) switch
        {
            0 => bytes[..Math.Max(0, bytes.Length - _random.Next(1, Math.Max(2, bytes.Length)))], // cut short
            1 => [.. bytes, 0xFF, 0xFE, 0xC0, 0x80], // not UTF-8
            2 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("[", 5000))),
            3 => [],
            4 => Encoding.UTF8.GetBytes("[" + text + "," + text + "]"),
            5 => InsertAt(bytes, [0x00]),
            _ => bytes,
        };
    }

    private static byte[] InsertAt(byte[] bytes, byte[] extra) => [.. bytes[..(bytes.Length / 2)], .. extra, .. bytes[(bytes.Length / 2)..]];

    private JsonArray Deep(int depth)
    {
        var inner = new JsonArray();
        var outer = inner;
        for (var i = 0; i < depth; i++)
        {
            var next = new JsonArray();
            inner.Add(next);
            inner = next;
        }

        return outer;
    }

    private string RandomChars(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)_random.Next(0, 0x10000);
        return new string(chars);
    }

    private static (JsonObject? Parent, string Key) Locate(JsonObject root, string path)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = new JsonObject();
                node[part] = child;
            }

            node = child;
        }

        return (node, parts[^1]);
    }

    private void Write(JsonNode? node, StringBuilder to)
    {
        switch (node)
        {
            case null:
                to.Append("null");
                break;
            case JsonObject o:
                to.Append('{');
                var first = true;
                foreach (var (k, v) in o)
                {
                    if (!first) to.Append(',');
                    first = false;
                    WriteString(k, to);
                    to.Append(':');
                    Write(v, to);
                }

                to.Append('}');
                break;
            case JsonArray a:
                to.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) to.Append(',');
                    Write(a[i], to);
                }

                to.Append(']');
                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                WriteString(s, to);
                break;
            default:
                to.Append(node.ToJsonString());
                break;
        }
    }

    private void WriteString(string s, StringBuilder to)
    {
        var escapeAll = Chance(0.3);
        to.Append('"');
        foreach (var c in s)
        {
            if (c is '"' or '\\') to.Append('\\').Append(c);
            else if (c < 0x20 || char.IsSurrogate(c) || (escapeAll && c > 0x7E)) to.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else to.Append(c);
        }

        to.Append('"');
    }
}
