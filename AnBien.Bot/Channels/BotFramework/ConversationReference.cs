using System.Text.Json;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// What is needed to message a person later (spec A7550: channelId and conversation.id at least). Stored as JSON on the
/// person's channel account. <see cref="ServiceUrlVerified"/> follows A7560: a serviceUrl is only trusted (and only ever
/// receives the bot's token) when it arrived with an activity whose token was verified (docs/protocols/botframework.md §4).
/// </summary>
public sealed record ConversationReference(
    string ChannelId, string ServiceUrl, string ConversationId, string? TenantId, string UserId, string? BotId, string? BotName,
    bool ServiceUrlVerified = false, string? AadObjectId = null)
{
    /// <summary>A reference for a personal conversation; group chats and channels never receive personal messages.</summary>
    public static string? From(Activity a, bool serviceUrlVerified) =>
        a.ServiceUrl is null || a.Conversation?.Id is null || a.From?.Id is null || IsGroup(a)
            ? null
            : JsonSerializer.Serialize(
                new ConversationReference(a.ChannelId ?? "", a.ServiceUrl, a.Conversation.Id, a.Conversation.TenantId ?? TenantOf(a), a.From.Id,
                    a.Recipient?.Id, a.Recipient?.Name, serviceUrlVerified, a.From.AadObjectId),
                BotFrameworkJson.Options);

    public static ConversationReference? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<ConversationReference>(json, BotFrameworkJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsGroup(Activity a) =>
        a.Conversation?.IsGroup == true || a.Conversation?.ConversationType is "groupChat" or "channel";

    /// <summary>Teams puts the tenant in conversation.tenantId and channelData.tenant.id (docs/protocols/botframework.md §1).</summary>
    public static string? TenantOf(Activity a) =>
        a.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("tenant", out var t)
            && t.ValueKind == JsonValueKind.Object && t.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : a.Conversation?.TenantId;
}
