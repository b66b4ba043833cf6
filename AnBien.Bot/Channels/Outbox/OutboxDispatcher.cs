using System.Net;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.Outbox;

/// <summary>
/// Sends outbox rows, each through its route, one attempt at a time. A row is claimed with a conditional update on its
/// lease (it must still be queued, due, free or ours, and first in its thread), so several instances never send the
/// same row and a thread's messages leave in order; inside this process a lock per thread does the same. The outcome
/// is recorded only by the lease holder: sent, unreachable, failed, or queued again after a back-off with jitter that
/// honours the channel's Retry-After, until the row's time budget runs out.
/// </summary>
public sealed partial class OutboxDispatcher(
    BotDbContextFactory databases,
    OutboxQueue queue,
    IEnumerable<IOutboxRoute> routes,
    OutboxSignal signal,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<OutboxDispatcher> logger)
{
    private static readonly TimeSpan PredecessorPoll = TimeSpan.FromMilliseconds(20);
    private readonly Dictionary<string, IOutboxRoute> _routes = routes.ToDictionary(r => r.Name, StringComparer.Ordinal);
    private readonly KeyedLock _threads = new(1024);

    private OutboxOptions Options => queue.Options;

    /// <summary>How long a request waits for its replies to leave (<see cref="OutboxOptions.ReplyWait"/>).</summary>
    public TimeSpan ReplyWait => Options.ReplyWait;

    /// <summary>
    /// What an inbound request does once its turn is committed: send the turn's replies, or for a redelivered activity
    /// the replies not sent yet, waiting at most <see cref="OutboxOptions.ReplyWait"/>. The request answers 200 either way.
    /// </summary>
    public async Task AfterTurnAsync(IncomingMessage message, TurnResult result, CancellationToken ct)
    {
        if (result.Duplicate && message.ActivityId is { Length: > 0 } activityId)
        {
            await SendSoonAsync(await queue.ReviveAsync(new OutboxSource(message.Channel, activityId), ct));
            return;
        }

        // The turn's own rows, as it wrote them: no read before sending them.
        var staged = result.Staged.Count == result.Queued.Count ? result.Staged : null;
        if (staged is null)
        {
            await SendSoonAsync(result.Queued);
            return;
        }

        if (staged.Count > 0) await WaitSomeAsync(SendRowsAsync([.. staged.Select(r => new Pending(r.Id, r.OrderKey, r))], lifetime.ApplicationStopping), staged.Count);
    }

    /// <summary>Starts sending in the background (it outlives the request) and waits for it at most <see cref="OutboxOptions.ReplyWait"/>.</summary>
    public async Task<IReadOnlyList<DeliveryResult>> SendSoonAsync(IReadOnlyList<long> ids) =>
        ids.Count == 0 ? [] : await WaitSomeAsync(SendAsync(ids, lifetime.ApplicationStopping), ids.Count);

    private async Task<IReadOnlyList<DeliveryResult>> WaitSomeAsync(Task<IReadOnlyList<DeliveryResult>> sending, int count)
    {
        try
        {
            return await sending.WaitAsync(Options.ReplyWait);
        }
        catch (TimeoutException)
        {
            LogStillSending(logger, count);
            return [];
        }
    }

    /// <summary>
    /// Sends the given rows, each at most once, each thread's in id order; a thread stops at its first row that has to
    /// wait (a retry later, or another instance holds it). Returns every channel tried. Never throws but for cancellation.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (!Options.Deliver) return [];
        List<Pending> rows;
        try
        {
            await using var db = databases.Create();
            rows = (await db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.OrderKey }).ToListAsync(ct))
                .ConvertAll(m => new Pending(m.Id, m.OrderKey, null));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogSendFailed(logger, ex.GetType().Name);
            return [];
        }

        return await SendRowsAsync(rows, ct);
    }

    private async Task<IReadOnlyList<DeliveryResult>> SendRowsAsync(List<Pending> rows, CancellationToken ct)
    {
        var tried = new List<DeliveryResult>();
        if (!Options.Deliver) return tried;
        try
        {
            foreach (var thread in rows.OrderBy(r => r.Id).GroupBy(r => r.OrderKey))
            {
                var rest = thread.ToList();
                while (rest.Count > 0 && await SendOneAsync(rest[0], tried, ct)) rest.RemoveAt(0);
                if (rest.Count > 0) await LetGoAsync(rest.ConvertAll(r => r.Id), ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The database may be away; the rows stay queued and a worker takes them when their lease runs out.
            LogSendFailed(logger, ex.GetType().Name);
        }

        return tried;
    }

    /// <summary>Sends what is queued for one thread (e.g. everything owed to one Zalo user), in order.</summary>
    public async Task<IReadOnlyList<DeliveryResult>> SendThreadAsync(string orderKey, CancellationToken ct)
    {
        await using var db = databases.Create();
        var ids = await db.Outbox.AsNoTracking()
            .Where(m => m.OrderKey == orderKey && m.Status == OutboxStatus.Queued)
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        return await SendAsync(ids, ct);
    }

    /// <summary>One worker round: the due rows nobody holds, threads in parallel, each thread in order. Returns how many were settled.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(long Id, string OrderKey)> due;
        await using (var db = databases.Create())
        {
            due = (await db.Outbox.AsNoTracking()
                    .Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now))
                    .OrderBy(m => m.Id)
                    .Select(m => new { m.Id, m.OrderKey })
                    .Take(Options.BatchSize)
                    .ToListAsync(ct))
                .Select(m => (m.Id, m.OrderKey)).ToList();
        }

        var settled = 0;
        await Parallel.ForEachAsync(due.GroupBy(d => d.OrderKey), new ParallelOptions { MaxDegreeOfParallelism = Options.Workers, CancellationToken = ct },
            async (thread, token) =>
            {
                var tried = await SendAsync(thread.Select(t => t.Id).ToList(), token);
                Interlocked.Add(ref settled, tried.Count(t => t.Status != DeliveryStatus.Failed || !t.Retryable));
            });
        return settled;
    }

    /// <summary>Deletes settled rows older than the retention; queued ones are never deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - Options.Retention;
        await using var db = databases.Create();
        return await db.Outbox.Where(m => m.Status != OutboxStatus.Queued && m.CreatedAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>Claims, sends and records one row; false when it (and so the rest of its thread) has to wait.</summary>
    /// <remarks>
    /// The thread's lock is held for a claim and its attempt, never while waiting for an earlier message of the same
    /// thread that another request of this process is about to send: that request needs the lock to send it (and the
    /// lock is striped, so other people's messages may share it). Waiting under it held both for the whole attempt time.
    /// </remarks>
    private async Task<bool> SendOneAsync(Pending pending, List<DeliveryResult> tried, CancellationToken ct)
    {
        var (id, orderKey, _) = pending;
        var waitUntil = clock.GetUtcNow() + Options.AttemptTimeout;
        while (true)
        {
            using (await _threads.AcquireAsync(orderKey, ct))
            {
                var claim = await ClaimAsync(pending, ct);
                if (claim.Row is { } row)
                {
                    var delivery = new OutboxDelivery(row, count => UpdateOwnedAsync(id, s => s.SetProperty(m => m.PartsSent, count), ct));
                    var result = await AttemptAsync(delivery, ct);
                    tried.AddRange(delivery.Tried.Count > 0 ? delivery.Tried : [result]);
                    return await RecordAsync(row, !claim.Counted, result, ct);
                }

                // Settled meanwhile (by us or another instance), or it must wait for a retry or another instance.
                if (!claim.OwnEarlierQueued || clock.GetUtcNow() > waitUntil) return await IsSettledAsync(id, ct);
                pending = pending with { Written = null }; // the claim went the general way; the copy in hand is of no more use
            }

            await Task.Delay(PredecessorPoll, ct); // real time: the other request is sending now, whatever the clock says
        }
    }

    /// <summary>
    /// Gives up this process's lease on rows it staged but has to leave for later (an earlier message of the same person,
    /// sent by another instance, is still in flight; or a retry is due later). Held, they would wait out the whole lease
    /// and hold up everything queued behind them; released, any worker sends them as soon as their turn comes.
    /// </summary>
    private async Task LetGoAsync(List<long> ids, CancellationToken ct)
    {
        var owner = queue.Owner;
        await using var db = databases.Create();
        await db.Outbox.Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Queued && m.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), ct);
        Wake();
    }

    private async Task<bool> IsSettledAsync(long id, CancellationToken ct)
    {
        await using var db = databases.Create();
        return !await db.Outbox.AnyAsync(m => m.Id == id && m.Status == OutboxStatus.Queued, ct);
    }

    /// <summary>
    /// The conditional update that makes a row ours. A row whose earlier thread-mate is still queued and leased to this
    /// process (another request of the same conversation, about to send it) is reported as such, and the caller waits for
    /// it with the thread's lock released; any other blocker means later.
    /// A row the caller holds as its turn wrote it is claimed only if nobody has tried it yet, so the copy in hand is
    /// still exactly the stored row and is not read again; otherwise it is claimed and read like any other.
    /// Such a row is leased to this process from its commit on, so while enough of that lease is left for a whole
    /// attempt, checking the other conditions is enough: one read instead of a write per reply, and the attempt is
    /// counted when its outcome is recorded (Counted false).
    /// </summary>
    private async Task<Claim> ClaimAsync(Pending pending, CancellationToken ct)
    {
        var (id, orderKey, written) = pending;
        var owner = queue.Owner;
        await using var db = databases.Create();
        if (written is { LeaseOwner: var leasedTo, LeaseUntil: { } leasedUntil } && leasedTo == owner
            && leasedUntil - clock.GetUtcNow() > Options.AttemptTimeout
            && await OutboxStatements.IsOursToSendAsync(db, id, owner, ct))
        {
            written.Attempts = 1;
            return new Claim(written, false, false);
        }

        while (true)
        {
            var now = clock.GetUtcNow();
            var until = now + Options.Lease;
            var untried = written is not null;
            var claimed = await OutboxStatements.ClaimAsync(db, id, owner, now, until, untried, ct);
            if (claimed == 1 && written is not null)
            {
                written.LeaseOwner = owner;
                written.LeaseUntil = until;
                written.Attempts = 1;
                return new Claim(written, true, false);
            }

            if (claimed == 1) return new Claim(await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct), true, false);
            if (written is not null)
            {
                written = null; // tried meanwhile, or a thread-mate is ahead of it: the general way from here on
                continue;
            }

            var ownEarlier = await db.Outbox.AnyAsync(o => o.OrderKey == orderKey && o.Id < id && o.Status == OutboxStatus.Queued
                && o.LeaseOwner == owner && o.LeaseUntil > now, ct);
            return new Claim(null, false, ownEarlier);
        }
    }

    /// <summary>
    /// What a claim found: the row, now ours to send (<see cref="Counted"/> when the claim counted the attempt); or no row,
    /// and whether an earlier message of the thread, leased to this process, is queued ahead of it (another request of
    /// this process is about to send it: worth waiting for a moment).
    /// </summary>
    private readonly record struct Claim(OutboxMessage? Row, bool Counted, bool OwnEarlierQueued);

    private async Task<DeliveryResult> AttemptAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var row = delivery.Row;
        if (!_routes.TryGetValue(row.Route, out var route))
        {
            return DeliveryResult.Failed(row.Route, $"no route '{row.Route}' in this version") with { Retryable = false };
        }

        // Cut off in real time: a hanging channel must not hold a worker (or a chat request) for the HttpClient's minutes.
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(Options.AttemptTimeout);
        try
        {
            return await route.DeliverAsync(delivery, attempt.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryResult.Failed(row.Route, $"no answer within {Options.AttemptTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Failed(row.Route, ex.StatusCode is { } status ? $"the channel answered {(int)status}" : "the channel could not be reached") with
            {
                Retryable = ex.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.RequestEntityTooLarge),
                RetryAfter = (ex as ConnectorRequestException)?.RetryAfter,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return DeliveryResult.Failed(row.Route, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Records the attempt's outcome while the lease is still ours, counting the attempt when the claim did not
    /// (<paramref name="countAttempt"/>); true when the row is settled (the thread may go on).
    /// </summary>
    private async Task<bool> RecordAsync(OutboxMessage row, bool countAttempt, DeliveryResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var detail = Cut(result.Detail, 512);
        int updated;
        bool settled;
        switch (result.Status)
        {
            case DeliveryStatus.Sent:
                var via = Cut(result.Channel, 32);
                var externalId = Cut(result.MessageId, 256);
                updated = await RecordSentAsync(row.Id, now, via, externalId, countAttempt);
                settled = true;
                break;
            case DeliveryStatus.NotReachable:
                updated = await UpdateOwnedAsync(row.Id, s => s
                    .SetProperty(m => m.Status, OutboxStatus.Unreachable)
                    .SetProperty(m => m.Detail, detail)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None, countAttempt);
                LogUnreachable(logger, row.Id, row.Route, detail);
                settled = true;
                break;
            default:
                var next = now + Backoff(row.Attempts, result.RetryAfter);
                if (!result.Retryable || next > row.Deadline)
                {
                    updated = await UpdateOwnedAsync(row.Id, s => s
                        .SetProperty(m => m.Status, OutboxStatus.Failed)
                        .SetProperty(m => m.Detail, detail)
                        .SetProperty(m => m.LeaseOwner, (string?)null)
                        .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None, countAttempt);
                    LogGaveUp(logger, row.Id, row.Route, row.Attempts, detail);
                    settled = true;
                }
                else
                {
                    updated = await UpdateOwnedAsync(row.Id, s => s
                        .SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.Detail, detail)
                        .SetProperty(m => m.LeaseOwner, (string?)null)
                        .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None, countAttempt);
                    LogRetrying(logger, row.Id, row.Route, row.Attempts, detail, next - now);
                    settled = false;
                }

                break;
        }

        if (updated == 0) LogLeaseLost(logger, row.Id);
        return settled;
    }

    /// <summary>Exponential back-off with equal jitter (half fixed, half random), never sooner than the channel's Retry-After.</summary>
    private TimeSpan Backoff(int attempts, TimeSpan? retryAfter)
    {
        var options = Options;
        var exponential = options.RetryDelay * Math.Pow(2, Math.Min(Math.Max(0, attempts - 1), 20));
        var capped = exponential < options.MaxRetryDelay ? exponential : options.MaxRetryDelay;
        var jittered = capped / 2 + capped / 2 * Random.Shared.NextDouble();
        return retryAfter is { } asked && asked > jittered ? asked : jittered;
    }

    private async Task<int> RecordSentAsync(long id, DateTimeOffset now, string? via, string? externalId, bool countAttempt)
    {
        await using var db = databases.Create();
        return await OutboxStatements.RecordSentAsync(db, id, queue.Owner, now, via, externalId, countAttempt, CancellationToken.None);
    }

    private async Task<int> UpdateOwnedAsync(long id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMessage>> set, CancellationToken ct,
        bool countAttempt = false)
    {
        var owner = queue.Owner;
        await using var db = databases.Create();
        return await db.Outbox.Where(m => m.Id == id && m.LeaseOwner == owner && m.Status == OutboxStatus.Queued).ExecuteUpdateAsync(s =>
        {
            set(s);
            if (countAttempt) s.SetProperty(m => m.Attempts, m => m.Attempts + 1);
        }, ct);
    }

    /// <summary>Wakes this instance's worker, e.g. after rows were queued that nobody is sending right now.</summary>
    public void Wake() => signal.Notify();

    /// <summary>A row to send: its id and thread, and the row itself when the caller holds it as it was written.</summary>
    private sealed record Pending(long Id, string OrderKey, OutboxMessage? Written);

    private static string? Cut(string? text, int max) => text is { Length: var n } && n > max ? text[..max] : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Replies still being sent after the reply wait ({Count} messages); the request is answered and sending goes on")]
    private static partial void LogStillSending(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending from the outbox failed ({Error}); the messages stay queued")]
    private static partial void LogSendFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} via {Route} failed (attempt {Attempt}: {Detail}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, long id, string route, int attempt, string? detail, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} via {Route} given up after {Attempts} attempts ({Detail})")]
    private static partial void LogGaveUp(ILogger logger, long id, string route, int attempts, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} via {Route} not deliverable: {Detail}")]
    private static partial void LogUnreachable(ILogger logger, long id, string route, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id}: its lease ran out during the attempt; the outcome was not recorded by this instance")]
    private static partial void LogLeaseLost(ILogger logger, long id);
}
