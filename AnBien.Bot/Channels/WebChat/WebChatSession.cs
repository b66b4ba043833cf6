namespace AnBien.Bot.Channels.WebChat;

/// <summary>What the chat page gets on opening: its browser key, a conversation (new or resumed) and who the person is, if linked.</summary>
public sealed record WebChatSession(
    string BrowserKey,
    string ConversationId,
    string Token,
    int ExpiresIn,
    string StreamUrl,
    bool Linked,
    string? Name,
    bool Demo);
