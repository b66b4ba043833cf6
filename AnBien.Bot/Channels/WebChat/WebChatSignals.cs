using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// Wakes the open WebSocket streams of a conversation in this process when something happens in it. Streams re-read
/// the store on every wake-up (and on a timer, for activities appended by another instance), so a lost signal only
/// delays delivery; ephemeral activities such as typing travel in the signal itself and are never stored.
/// </summary>
public sealed class WebChatSignals
{
    private readonly ConcurrentDictionary<string, ImmutableList<Channel<string?>>> _streams = new(StringComparer.Ordinal);

    /// <summary>A new stream's subscription, or null when the conversation already has <paramref name="max"/> streams here.</summary>
    public Subscription? TrySubscribe(string conversationId, int max)
    {
        var channel = Channel.CreateBounded<string?>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        while (true)
        {
            if (!_streams.TryGetValue(conversationId, out var list))
            {
                if (_streams.TryAdd(conversationId, [channel])) break;
                continue;
            }

            if (list.Count >= max) return null;
            if (_streams.TryUpdate(conversationId, list.Add(channel), list)) break;
        }

        return new Subscription(this, conversationId, channel);
    }

    /// <summary>New activities were stored.</summary>
    public void Stored(string conversationId) => Publish(conversationId, null);

    /// <summary>An activity that is shown but not stored (typing).</summary>
    public void Ephemeral(string conversationId, string activityJson) => Publish(conversationId, activityJson);

    private void Publish(string conversationId, string? message)
    {
        if (!_streams.TryGetValue(conversationId, out var list)) return;
        foreach (var channel in list) channel.Writer.TryWrite(message);
    }

    private void Unsubscribe(string conversationId, Channel<string?> channel)
    {
        while (_streams.TryGetValue(conversationId, out var list))
        {
            var remaining = list.Remove(channel);
            var done = remaining.IsEmpty
                ? _streams.TryRemove(new KeyValuePair<string, ImmutableList<Channel<string?>>>(conversationId, list))
                : _streams.TryUpdate(conversationId, remaining, list);
            if (done) return;
        }
    }

    public sealed class Subscription(WebChatSignals owner, string conversationId, Channel<string?> channel) : IDisposable
    {
        /// <summary>null: "look in the store"; otherwise an ephemeral activity's JSON.</summary>
        public ChannelReader<string?> Reader => channel.Reader;

        public void Dispose() => owner.Unsubscribe(conversationId, channel);
    }
}
