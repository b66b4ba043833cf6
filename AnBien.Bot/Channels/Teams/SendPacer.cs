namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// Sliding-window pacing per key (a conversation thread, or the whole app): each send reserves the earliest moment at
/// which every window still has room, in first-come order, and the caller waits until then. Keeping under Teams' limits
/// this way avoids the 429 storms that retrying alone would cause (msteams-docs rate-limit.md, docs/protocols/botframework.md §3).
/// </summary>
public sealed class SendPacer(TimeProvider clock)
{
    private readonly Dictionary<string, List<DateTimeOffset>> _logs = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public TimeProvider Clock => clock;

    /// <summary>Reserves a send for <paramref name="key"/> and returns how long to wait before making it.</summary>
    public TimeSpan Reserve(string key, IReadOnlyList<SendLimit> limits)
    {
        if (limits.Count == 0) return TimeSpan.Zero;
        var longest = limits.Max(l => l.Window);
        lock (_logs)
        {
            var now = clock.GetUtcNow();
            Sweep(now, longest);
            if (!_logs.TryGetValue(key, out var log)) _logs[key] = log = [];
            log.RemoveAll(t => t <= now - longest);

            // First come, first served: never earlier than the last reservation, so every window is checked as it ends.
            var at = log.Count > 0 && log[^1] > now ? log[^1] : now;
            for (var moved = true; moved;)
            {
                moved = false;
                foreach (var limit in limits)
                {
                    var inWindow = log.Count(t => t > at - limit.Window);
                    if (inWindow < limit.Count) continue;
                    at = log[log.Count - limit.Count] + limit.Window;
                    moved = true;
                }
            }

            log.Add(at);
            return at - now;
        }
    }

    private void Sweep(DateTimeOffset now, TimeSpan longest)
    {
        if (now - _lastSweep < TimeSpan.FromMinutes(10)) return;
        _lastSweep = now;
        foreach (var key in _logs.Where(kv => kv.Value.Count == 0 || kv.Value[^1] <= now - longest).Select(kv => kv.Key).ToList())
        {
            _logs.Remove(key);
        }
    }
}
