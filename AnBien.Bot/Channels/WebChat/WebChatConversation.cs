namespace AnBien.Bot.Channels.WebChat;

/// <summary>A Direct Line conversation of the web chat: whose it is, so only that browser can resume it.</summary>
public sealed class WebChatConversation
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
}
