namespace AnBien.Bot.Channels.WebChat;

/// <summary>What a valid token grants: one user, and (except for a browser key) one conversation, until it expires.</summary>
public sealed record WebChatToken(string Audience, string UserId, string? ConversationId, DateTimeOffset ExpiresAt)
{
    /// <summary>Reads and writes one conversation (the Direct Line "token").</summary>
    public const string Conversation = "directline";

    /// <summary>Opens the WebSocket stream of one conversation; short-lived because it travels in a URL.</summary>
    public const string Stream = "directline-stream";

    /// <summary>A browser's long-lived web chat identity, so a person stays linked across conversations.</summary>
    public const string Browser = "webchat-browser";
}
