using System.Text.Json;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Http;

/// <summary>
/// Strings read from JSON a client sent, kept as raw JSON (<see cref="JsonElement"/>: an activity's value and
/// channelData, a Zalo timestamp). The serializer turns a malformed escape into a JsonException, but a JsonElement
/// decodes its strings only when asked, and then throws InvalidOperationException for an unpaired surrogate such as
/// "\uD83D": an unhandled 500. Here such a string is simply absent, and a NUL or unpaired surrogate never comes out.
/// </summary>
public static class JsonStrings
{
    /// <summary>The element's string, or null when it is not a string or its escapes do not make text.</summary>
    public static string? Of(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String) return null;
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The element, when it can be written out again: one with a string that is not text (an unpaired surrogate escape)
    /// makes the serializer throw later, wherever it is echoed or stored, so it is dropped here.
    /// </summary>
    public static JsonElement? Writable(JsonElement? element)
    {
        if (element is not { } e) return null;
        try
        {
            JsonSerializer.Serialize(e);
            return e;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Like <see cref="Of"/>, and null also when the text holds a NUL or an unpaired surrogate (an id must be stored as sent, or not at all).</summary>
    public static string? Exact(JsonElement element) => Of(element) is { } text && PlainText.Clean(text) == text ? text : null;
}
