using System.Text.Json.Serialization;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>Direct Line 3.0's Conversation object (docs/protocols/botframework.md §8).</summary>
public sealed record DirectLineConversation(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl);
