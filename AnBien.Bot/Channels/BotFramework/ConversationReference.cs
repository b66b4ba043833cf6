using System.Text.Json;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// What is needed to message a person later (spec A7550: channelId and conversation.id at least; serviceUrl only
/// from an authenticated activity, A7560). Stored as JSON on the person's channel account.
/// </summary>
public sealed record ConversationReference(string ChannelId, string ServiceUrl, string ConversationId, string? TenantId, string UserId, string? BotId, string? BotName)
{
    public static string? From(Activity a) =>
        a.ServiceUrl is null || a.Conversation?.Id is null || a.From?.Id is null
            ? null
            : JsonSerializer.Serialize(new ConversationReference(a.ChannelId ?? "", a.ServiceUrl, a.Conversation.Id, a.Conversation.TenantId, a.From.Id, a.Recipient?.Id, a.Recipient?.Name), BotFrameworkJson.Options);
}
