namespace AnBien.Bot.Conversations.Outbox;

/// <summary>Where a message on its way out stands. Only <see cref="Queued"/> rows are ever sent; the others are final.</summary>
public enum OutboxStatus
{
    Queued,
    Sent,

    /// <summary>Refused for good, or still failing when its time budget ran out; <see cref="OutboxMessage.Detail"/> says why.</summary>
    Failed,

    /// <summary>The channel cannot reach the person (outside Zalo's window, Teams app not installed…); not retried.</summary>
    Unreachable,
}
