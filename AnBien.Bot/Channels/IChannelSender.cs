using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Channels;

/// <summary>
/// Sends a message to a person on one channel without them writing first (reminders, announcements, summaries).
/// One implementation per channel; <see cref="ProactiveSender"/> picks among a person's linked accounts.
/// </summary>
public interface IChannelSender
{
    /// <summary>The channel id this sender serves ("msteams", "zalo", "webchat"…), as stored on <see cref="ChannelAccount.Channel"/>.</summary>
    string Channel { get; }

    Task<DeliveryResult> SendAsync(ChannelAccount account, OutgoingMessage message, CancellationToken ct);
}
