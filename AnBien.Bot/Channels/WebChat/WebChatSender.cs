using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// Proactive messages on the web chat: appended to the person's last conversation, where the page shows them at once
/// if it is open, or when the person comes back (the log is replayed from their watermark).
/// </summary>
public sealed class WebChatSender(WebChatStore store) : IChannelSender
{
    public string Channel => WebChatRelay.Channel;

    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutgoingMessage message, CancellationToken ct)
    {
        if (WebChatReference.FromJson(account.ConversationReference) is not { } reference
            || await store.FindConversationAsync(reference.ConversationId, ct) is not { } conversation
            || conversation.UserId != account.ChannelUserId)
        {
            return DeliveryResult.NotReachable(Channel, "no web chat conversation");
        }

        var activity = WebChatRelay.ToActivity(message, conversation.Id, account.ChannelUserId);
        await store.AppendAsync(conversation.Id, null, null, [activity], ct);
        return DeliveryResult.Sent(Channel, activity.Id);
    }
}
