using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnBien.Bot.Storage;

/// <summary>
/// SQLite has one writer per file. Letting concurrent SaveChanges race for the file lock makes the losers sleep in
/// SQLite's busy handler (milliseconds to 100 ms a time); queueing them here in the process costs microseconds instead.
/// Several processes on one SQLite file still work (busy_timeout), they are just not the deployment this optimises.
/// A write statement run on its own, outside SaveChanges and any transaction (the outbox's "sent" record, ExecuteUpdate,
/// ExecuteDelete), queues at the same gate: ungated, it raced the savers for the file lock and slept in that busy handler
/// on a pool thread (BENCHMARKS.md, "Turns, round 7": a fifth of the bot's busy time went to the "sent" record's UPDATE).
/// </summary>
internal sealed class SqliteWriteGate : SaveChangesInterceptor, IDbCommandInterceptor
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

    // The statements holding the gate, released when they finish, fail or (for a reader) are disposed.
    private readonly ConditionalWeakTable<DbCommand, object> _statements = new();

    async ValueTask<InterceptionResult<int>> IDbCommandInterceptor.NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        await EnterAsync(command, eventData.Context, cancellationToken);
        return result;
    }

    InterceptionResult<int> IDbCommandInterceptor.NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Enter(command, eventData.Context);
        return result;
    }

    ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(command);
        return result;
    }

    async ValueTask<InterceptionResult<object>> IDbCommandInterceptor.ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken)
    {
        await EnterAsync(command, eventData.Context, cancellationToken);
        return result;
    }

    InterceptionResult<object> IDbCommandInterceptor.ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Enter(command, eventData.Context);
        return result;
    }

    ValueTask<object?> IDbCommandInterceptor.ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    object? IDbCommandInterceptor.ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Leave(command);
        return result;
    }

    // A reader's statement runs while it is read (UPDATE … RETURNING): the gate is let go when the reader is disposed.
    async ValueTask<InterceptionResult<DbDataReader>> IDbCommandInterceptor.ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken)
    {
        await EnterAsync(command, eventData.Context, cancellationToken);
        return result;
    }

    InterceptionResult<DbDataReader> IDbCommandInterceptor.ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Enter(command, eventData.Context);
        return result;
    }

    InterceptionResult IDbCommandInterceptor.DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Leave(command);
        return result;
    }

    void IDbCommandInterceptor.CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(command);

    Task IDbCommandInterceptor.CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    void IDbCommandInterceptor.CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(command);

    Task IDbCommandInterceptor.CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    private async ValueTask EnterAsync(DbCommand command, DbContext? context, CancellationToken ct)
    {
        if (!MustQueue(command, context)) return;
        await _gate.WaitAsync(ct);
        _statements.AddOrUpdate(command, command);
    }

    private void Enter(DbCommand command, DbContext? context)
    {
        if (!MustQueue(command, context)) return;
        _gate.Wait();
        _statements.AddOrUpdate(command, command);
    }

    private void Leave(DbCommand command)
    {
        if (_statements.Remove(command)) _gate.Release();
    }

    /// <summary>
    /// A write statement in autocommit from a context that does not hold the gate. Inside SaveChanges the saving context
    /// already holds it; inside a transaction the statement cannot wait here, as its transaction may already hold the
    /// file lock the gate's holder is waiting for.
    /// </summary>
    private bool MustQueue(DbCommand command, DbContext? context)
    {
        if (command.Transaction is not null || (context is not null && _holders.TryGetValue(context, out _))) return false;
        var text = command.CommandText.AsSpan().TrimStart();
        return text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

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
