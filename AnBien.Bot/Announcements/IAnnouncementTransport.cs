using AnBien.Bot.Channels;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Announcements;

/// <summary>
/// How a delivery leaves: today <see cref="ProactiveAnnouncementTransport"/> over the channel senders, later the durable
/// outbox. A test seam too: the exactly-once tests count what a fake transport was asked to send.
/// </summary>
public interface IAnnouncementTransport
{
    /// <summary>Sends to one person; <see cref="DeliveryStatus.Failed"/> is retried, <see cref="DeliveryStatus.NotReachable"/> is final.</summary>
    Task<DeliveryResult> SendAsync(int staffId, OutgoingMessage message, CancellationToken ct);
}
