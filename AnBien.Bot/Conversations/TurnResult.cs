namespace AnBien.Bot.Conversations;

/// <summary>What a turn produced: the replies to send, or nothing because the message was a redelivery.</summary>
public sealed record TurnResult(IReadOnlyList<OutgoingMessage> Replies, bool Duplicate)
{
    public static readonly TurnResult AlreadyProcessed = new([], true);

    /// <summary>
    /// The outbox rows committed with the turn: those carrying <see cref="Replies"/> (when the message had a
    /// <see cref="IncomingMessage.ReplyTo"/>) and any a handler queued for someone else.
    /// </summary>
    public IReadOnlyList<long> Queued { get; init; } = [];

    /// <summary>
    /// The same rows as <see cref="Queued"/>, as the turn wrote them: the request that sends them right after the commit
    /// needs not read them back (<see cref="Outbox.OutboxQueue.Stage{T}"/> leases them to this instance).
    /// </summary>
    public IReadOnlyList<Outbox.OutboxMessage> Staged { get; init; } = [];
}
