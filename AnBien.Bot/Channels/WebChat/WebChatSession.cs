namespace AnBien.Bot.Channels.WebChat;

/// <summary>What the chat page gets on opening: its browser key, a conversation (new or resumed) and whether the person is linked.</summary>
public sealed record WebChatSession(
    string BrowserKey,
    string ConversationId,
    string Token,
    int ExpiresIn,
    string StreamUrl,
    bool Linked,
    bool Demo);
