using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// Replies in Teams: an Adaptive Card when the reply has buttons, channelId set as the SDK's CreateReply does (which also
/// paces the send, docs/protocols/botframework.md §1), and in a personal chat the card remembered so it can be settled later.
/// </summary>
public sealed class TeamsReplyRoute(ConnectorClient connector, TeamsCardTracker cards) : IOutboxRoute
{
    public const string RouteName = TeamsSender.ChannelId;

    public string Name => RouteName;

    public async Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var to = delivery.Address<BotFrameworkReplyAddress>();
        var reply = delivery.Payload<OutgoingMessage>();
        var outbound = ActivityMapper.ToActivity(reply, to.Inbound());
        outbound.ChannelId = to.ChannelId;
        AdaptiveCardRenderer.Apply(outbound, reply);
        var id = await to.SendAsync(connector, outbound, ct);
        if (id is not null && to.UserId is { } userId && outbound.Attachments is [{ Content: { } card }])
        {
            await cards.RememberAsync(to.ConversationId, userId, to.TenantId, id, reply, card, ct);
        }

        return DeliveryResult.Sent(to.ChannelId, id);
    }
}
