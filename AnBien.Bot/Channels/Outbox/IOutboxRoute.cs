namespace AnBien.Bot.Channels.Outbox;

/// <summary>
/// Delivers outbox rows of one kind of address: a channel's reply path (the thread a message came from) or a person
/// through their linked accounts. One attempt per call; the dispatcher records the outcome and schedules retries.
/// </summary>
public interface IOutboxRoute
{
    /// <summary>The name stored on <see cref="Conversations.Outbox.OutboxMessage.Route"/>.</summary>
    string Name { get; }

    Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken ct);
}
