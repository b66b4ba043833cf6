using System.Net;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// Proactive messages on Bot Framework channels that have no sender of their own (the Emulator and other clients):
/// POST {serviceUrl}/v3/conversations/{id}/activities into the stored conversation (docs/protocols/botframework.md §3).
/// Only a serviceUrl that came with an authenticated activity, or one on this machine (local mode), is written to.
/// Not registered as a channel's sender: the outbox's staff route falls back to it.
/// </summary>
public sealed class BotFrameworkSender(ConnectorClient connector) : IChannelSender
{
    public string Channel => BotFrameworkReplyRoute.RouteName;

    public bool Serves(ChannelAccount account) => ConversationReference.Parse(account.ConversationReference) is { ServiceUrl.Length: > 0 };

    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutgoingMessage message, CancellationToken ct)
    {
        if (ConversationReference.Parse(account.ConversationReference) is not { } reference)
        {
            return DeliveryResult.NotReachable(account.Channel, "no stored conversation");
        }

        if (!reference.ServiceUrlVerified && !IsLoopback(reference.ServiceUrl))
        {
            return DeliveryResult.NotReachable(account.Channel, "the conversation's serviceUrl was never verified");
        }

        var to = new BotFrameworkReplyAddress(reference.ServiceUrl, reference.ConversationId, reference.ChannelId, null, reference.BotId,
            reference.BotName, reference.UserId, null, reference.TenantId);
        try
        {
            return DeliveryResult.Sent(account.Channel, await to.SendAsync(connector, ActivityMapper.ToActivity(message, to.Inbound()), ct));
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return DeliveryResult.NotReachable(account.Channel, $"the conversation is gone (the channel answered {(int)ex.StatusCode!})");
        }
    }

    private static bool IsLoopback(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
