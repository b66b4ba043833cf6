using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>Replies on Bot Framework channels without a renderer of their own (Emulator, Web Chat, Direct Line): text and suggested actions.</summary>
public sealed class BotFrameworkReplyRoute(ConnectorClient connector) : IOutboxRoute
{
    public const string RouteName = "botframework";

    public string Name => RouteName;

    public async Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var to = delivery.Address<BotFrameworkReplyAddress>();
        var outbound = ActivityMapper.ToActivity(delivery.Payload<OutgoingMessage>(), to.Inbound());
        return DeliveryResult.Sent(to.ChannelId, await to.SendAsync(connector, outbound, ct));
    }
}
