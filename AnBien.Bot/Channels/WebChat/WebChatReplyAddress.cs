namespace AnBien.Bot.Channels.WebChat;

/// <summary>A web chat conversation and its user, and the client's id of the message answered (to point replies at its echo).</summary>
public sealed record WebChatReplyAddress(string ConversationId, string UserId, string? ClientActivityId);
