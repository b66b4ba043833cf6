namespace AnBien.Bot.Storage;

/// <summary>The persisted dialog state of one chat conversation on one channel.</summary>
public sealed class ConversationRecord
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ConversationId { get; set; }
    public required string StateJson { get; set; }

    /// <summary>Optimistic concurrency: two instances handling the same conversation cannot both win.</summary>
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
