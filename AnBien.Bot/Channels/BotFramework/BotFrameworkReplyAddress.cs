namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// Where a turn's replies go on a Bot Framework channel, stored on each outbox row: the Connector endpoint and
/// conversation, the activity answered (replies thread under it), and bot and user as the inbound activity named them.
/// </summary>
public sealed record BotFrameworkReplyAddress(
    string ServiceUrl, string ConversationId, string ChannelId, string? ReplyToId, string? BotId, string? BotName, string? UserId,
    string? UserName, string? TenantId)
{
    /// <summary>A message activity is answered with a reply to it; an invoke (a card action) with a new message (docs/protocols/botframework.md §1).</summary>
    public static BotFrameworkReplyAddress For(Activity inbound) => new(
        inbound.ServiceUrl!, inbound.Conversation!.Id!, inbound.ChannelId ?? "", inbound.Type == "message" && inbound.Id is { Length: > 0 } ? inbound.Id : null,
        inbound.Recipient?.Id, inbound.Recipient?.Name, inbound.From?.Id, inbound.From?.Name, ConversationReference.TenantOf(inbound));

    /// <summary>The inbound activity as far as a reply needs it, for <see cref="ActivityMapper.ToActivity"/>.</summary>
    public Activity Inbound() => new()
    {
        Id = ReplyToId,
        ChannelId = ChannelId,
        Recipient = BotId is null ? null : new ChannelAccountRef { Id = BotId, Name = BotName },
        From = UserId is null ? null : new ChannelAccountRef { Id = UserId, Name = UserName },
        Conversation = new ConversationRef { Id = ConversationId },
    };

    public async Task<string?> SendAsync(ConnectorClient connector, Activity outbound, CancellationToken ct) =>
        ReplyToId is { } replyTo
            ? await connector.ReplyAsync(ServiceUrl, ConversationId, replyTo, outbound, ct)
            : await connector.SendToConversationAsync(ServiceUrl, ConversationId, outbound, ct);
}
