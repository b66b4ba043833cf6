namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// The one place that maps a button to its oa.query.hide payload and back. A click arrives as an ordinary
/// user_send_text whose text is the payload (docs/protocols/zalo.md §1.4, §2.3), so payloads are marked with a leading
/// "#" (the form the docs show) and carry the choice value and the question it belonged to: "#value|promptId".
/// </summary>
public static class ZaloPayload
{
    private const char Mark = '#';
    private const char Separator = '|';

    /// <summary>Zalo accepts payloads up to 1,000 characters (docs/protocols/zalo.md §2.3).</summary>
    public const int MaxLength = 1000;

    public static string Encode(string value, string? promptId)
    {
        var payload = promptId is null ? Mark + value : $"{Mark}{value}{Separator}{promptId}";
        return payload.Length <= MaxLength ? payload : Mark + value;
    }

    /// <summary>The choice value and prompt id of a button press, or null when the text was typed.</summary>
    public static (string Value, string? PromptId)? Decode(string? text)
    {
        if (text is not { Length: > 1 } || text[0] != Mark) return null;
        var body = text[1..];
        var cut = body.IndexOf(Separator, StringComparison.Ordinal);
        return cut < 0 ? (body, null) : (body[..cut], body[(cut + 1)..] is { Length: > 0 } p ? p : null);
    }
}
