using System.Text.Json;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>What the web chat needs to reach a person later: the conversation their browser last used. Stored on the channel account.</summary>
public sealed record WebChatReference(string ConversationId)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static WebChatReference? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<WebChatReference>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
