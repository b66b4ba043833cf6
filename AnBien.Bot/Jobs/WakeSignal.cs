namespace AnBien.Bot.Jobs;

/// <summary>Wakes a background worker of this instance when there is work for it, instead of waiting for its next poll.</summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up drains everything.
        }
    }

    /// <summary>Returns when notified or when <paramref name="timeout"/> has passed on <paramref name="clock"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var signalled = _pending.WaitAsync(both.Token);
        var elapsed = Task.Delay(timeout, clock, both.Token);
        await Task.WhenAny(signalled, elapsed);
        await both.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}
