namespace AnBien.Bot.Conversations;

/// <summary>What a turn produced: the replies to send, or nothing because the message was a redelivery.</summary>
public sealed record TurnResult(IReadOnlyList<OutgoingMessage> Replies, bool Duplicate)
{
    public static readonly TurnResult AlreadyProcessed = new([], true);
}
