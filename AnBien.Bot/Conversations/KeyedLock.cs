namespace AnBien.Bot.Conversations;

/// <summary>
/// Serialises the messages of one conversation inside this process (striped, so memory stays fixed). Across instances
/// the conversation row's version column does the same job.
/// </summary>
public sealed class KeyedLock
{
    private readonly SemaphoreSlim[] _stripes;

    public KeyedLock(int stripes = 4096)
    {
        _stripes = new SemaphoreSlim[stripes];
        for (var i = 0; i < stripes; i++) _stripes[i] = new SemaphoreSlim(1, 1);
    }

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length];
        await stripe.WaitAsync(ct);
        return new Releaser(stripe);
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) stripe.Release();
        }
    }
}
