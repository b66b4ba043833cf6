namespace AnBien.Bot.Channels.WebChat;

/// <summary>The chat page's opening request: what it kept in localStorage, if anything.</summary>
public sealed record WebChatSessionRequest(string? BrowserKey, string? ConversationId);
