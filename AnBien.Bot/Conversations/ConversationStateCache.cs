using AnBien.Bot.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace AnBien.Bot.Conversations;

/// <summary>
/// Each conversation's stored row as this instance last committed it, so a turn does not read it back. The copy is
/// attached as unchanged and its update is guarded by <see cref="ConversationRecord.Version"/>: if another instance
/// changed the row, or it was removed (personal data removal), the commit fails, the copy is forgotten and the turn
/// runs again from the database (<see cref="ConversationEngine"/>'s conflict retry).
/// Only the engine writes this row, always under the conversation's lock, so in this process the copy is the row.
/// </summary>
public sealed class ConversationStateCache(IMemoryCache cache)
{
    // Long enough for a person working through a form, short enough that idle chats leave memory soon.
    private static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(10) };

    /// <summary>A fresh copy of the row as last committed here (never the cached instance), or null.</summary>
    public ConversationRecord? Find(string channel, string conversationId) =>
        cache.TryGetValue(new Key(channel, conversationId), out StoredRow? row) && row is not null
            ? new ConversationRecord
            {
                Id = row.Id, Channel = channel, ConversationId = conversationId, StateJson = row.StateJson,
                Version = row.Version, UpdatedAt = row.UpdatedAt,
            }
            : null;

    /// <summary>Remembers the row just committed.</summary>
    public void Committed(ConversationRecord record) =>
        cache.Set(new Key(record.Channel, record.ConversationId), new StoredRow(record.Id, record.StateJson, record.Version, record.UpdatedAt), Keep);

    /// <summary>Forgets the copy: the commit failed, so what is stored is not known here any more.</summary>
    public void Forget(string channel, string conversationId) => cache.Remove(new Key(channel, conversationId));

    private sealed record Key(string Channel, string ConversationId);

    private sealed record StoredRow(long Id, string StateJson, int Version, DateTimeOffset UpdatedAt);
}
