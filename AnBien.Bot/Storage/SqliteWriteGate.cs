using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnBien.Bot.Storage;

/// <summary>
/// SQLite has one writer per file. Letting concurrent SaveChanges race for the file lock makes the losers sleep in
/// SQLite's busy handler (milliseconds to 100 ms a time); queueing them here in the process costs microseconds instead.
/// Several processes on one SQLite file still work (busy_timeout), they are just not the deployment this optimises.
/// </summary>
internal sealed class SqliteWriteGate : SaveChangesInterceptor
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // The contexts holding the gate, so each save releases it exactly once whichever way it ends: EF reports a failed
    // optimistic-concurrency check (a row version that moved on) to ThrowingConcurrencyException and not to
    // SaveChangesFailed, and a gate left held there would stop every later write of the process.
    private readonly ConditionalWeakTable<DbContext, object> _holders = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        Held(eventData.Context);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _gate.Wait();
        Held(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release(eventData.Context);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    private void Held(DbContext? context)
    {
        if (context is null) return;
        _holders.AddOrUpdate(context, context);
    }

    private void Release(DbContext? context)
    {
        if (context is not null && _holders.Remove(context)) _gate.Release();
    }
}
