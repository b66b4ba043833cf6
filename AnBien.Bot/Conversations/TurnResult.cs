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
}
