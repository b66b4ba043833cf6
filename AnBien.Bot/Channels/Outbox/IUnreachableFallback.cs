using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.Outbox;

/// <summary>
/// A last way to reach a person every linked account refused as not reachable (Zalo's notification template for people
/// outside the interaction window). Lets a channel offer it without the staff route knowing that channel.
/// </summary>
public interface IUnreachableFallback
{
    /// <summary>The outcome, or null when this fallback does not apply to the person or is not configured.</summary>
    Task<DeliveryResult?> TryDeliverAsync(int staffId, OutgoingMessage message, IReadOnlyList<DeliveryResult> tried, string trackingId, CancellationToken ct);
}
