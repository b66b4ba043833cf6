using System.Collections.Concurrent;
using AnBien.Bot.Schedule;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Tests.Support;

/// <summary>Stands in for the heads' summaries and the council digest: remembers which periods it was handed.</summary>
public sealed class RecordingRhythmHandlers : IPeriodClosedHandler, ICouncilDigestHandler
{
    public ConcurrentQueue<string> Closed { get; } = new();
    public ConcurrentQueue<string> Digests { get; } = new();

    public Task OnPeriodClosedAsync(Period period, CancellationToken ct)
    {
        Closed.Enqueue(period.Month);
        return Task.CompletedTask;
    }

    public Task SendDigestAsync(Period period, CancellationToken ct)
    {
        Digests.Enqueue(period.Month);
        return Task.CompletedTask;
    }
}
