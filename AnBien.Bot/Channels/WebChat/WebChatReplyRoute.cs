using System.Text.Json;
using System.Globalization;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// Replies on the web chat are appended to the conversation's log, which the page streams. Through the outbox like every
/// channel's, so a reply is committed with its turn: before, a crash between the turn and the append lost it, and the
/// client's retry found the turn done and got nothing. Each row is appended under its own key, so even an append
/// repeated after a crash shows once.
/// </summary>
public sealed class WebChatReplyRoute(WebChatStore store) : IOutboxRoute
{
    public const string RouteName = WebChatRelay.Channel;

    public string Name => RouteName;

    public static OutboxAddress To(string conversationId, string userId, string? clientActivityId) =>
        new(RouteName, JsonSerializer.Serialize(new WebChatReplyAddress(conversationId, userId, clientActivityId), OutboxQueue.Json),
            $"{RouteName}/{conversationId}");

    public async Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var to = delivery.Address<WebChatReplyAddress>();
        var reply = WebChatRelay.ToActivity(delivery.Payload<OutgoingMessage>(), to.ConversationId, to.UserId);
        if (to.ClientActivityId is { } answered) reply.ReplyToId = await store.FindByClientIdAsync(to.ConversationId, answered, ct);

        // Stored the way the user's echo is (tagged with a client id), which makes the append idempotent per row.
        var key = "outbox:" + delivery.Row.Id.ToString(CultureInfo.InvariantCulture);
        var id = await store.AppendAsync(to.ConversationId, reply, key, [], ct);
        return DeliveryResult.Sent(RouteName, id);
    }
}
