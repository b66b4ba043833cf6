using System.Text;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Works through the webhook inbox: at start-up (the sweep that makes "killed after the 200" lose nothing), when the
/// endpoint signals, and on a poll for rows stored by other instances. A row is claimed with a conditional update on
/// its lease, so several instances never handle the same event; a user's events are taken in order. Replies leave
/// through the outbox (<see cref="ZaloReplyRoute"/>), which retries them and never sends one twice.
/// </summary>
public sealed partial class ZaloInboxProcessor(
    BotDbContextFactory databases,
    ZaloEventHandler handler,
    OutboxQueue outbox,
    OutboxDispatcher dispatcher,
    ZaloInboxSignal signal,
    IOptions<ZaloOptions> options,
    TimeProvider clock,
    ILogger<ZaloInboxProcessor> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);
    private readonly string _owner = Guid.NewGuid().ToString("N");
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || !options.Value.ProcessInbox) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessNextAsync(stoppingToken))
                {
                }

                await PurgeAsync(stoppingToken);

                await signal.WaitAsync(options.Value.InboxPollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be briefly away; the rows wait for the next round.
                LogLoopFailed(logger, ex.GetType().Name);
                await Task.Delay(options.Value.InboxPollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>Claims and handles the next ready event; false when there is none.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        var row = await ClaimAsync(ct);
        if (row is null) return false;
        try
        {
            await ProcessAsync(row, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FailAsync(row, ex.GetType().Name);
        }

        return true;
    }

    /// <summary>
    /// Handled events are kept long enough to recognise any redelivery (Zalo retries for up to 12 h,
    /// docs/protocols/zalo.md §1.2) and for an operator to look back, then deleted.
    /// </summary>
    private async Task PurgeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _lastPurge < TimeSpan.FromHours(1)) return;
        _lastPurge = now;
        var before = now - options.Value.InboxRetention;
        await using var db = databases.Create();
        await db.ZaloInbox.Where(e => e.ProcessedAt != null && e.ProcessedAt < before).ExecuteDeleteAsync(ct);
    }

    private async Task<ZaloInboxEvent?> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var max = options.Value.InboxMaxAttempts;
        await using var db = databases.Create();
        var ready = await db.ZaloInbox.AsNoTracking()
            .Where(e => e.ProcessedAt == null && e.Attempts < max && (e.LeaseUntil == null || e.LeaseUntil <= now))
            .Where(e => !db.ZaloInbox.Any(o => o.UserId == e.UserId && o.Id < e.Id && o.ProcessedAt == null && o.Attempts < max))
            .OrderBy(e => e.Id)
            .Select(e => e.Id)
            .Take(8)
            .ToListAsync(ct);
        var owner = _owner;
        var until = now + options.Value.InboxLease;
        foreach (var id in ready)
        {
            var claimed = await db.ZaloInbox
                .Where(e => e.Id == id && e.ProcessedAt == null && (e.LeaseUntil == null || e.LeaseUntil <= now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.LeaseOwner, owner)
                    .SetProperty(e => e.LeaseUntil, until)
                    .SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
            if (claimed == 1) return await db.ZaloInbox.AsNoTracking().SingleAsync(e => e.Id == id, ct);
        }

        return null;
    }

    private async Task ProcessAsync(ZaloInboxEvent row, CancellationToken ct)
    {
        var evt = ZaloWebhookEvent.Parse(Encoding.UTF8.GetBytes(row.Body));
        var bodies = evt is null ? [] : await handler.HandleAsync(row, evt, ct);

        // The event is marked handled in the same SaveChanges that queues the replies the handler returned. A turn's
        // replies went into the outbox with the turn itself, so a crash anywhere here loses none: a retry of the event
        // finds the turn done and the replies queued.
        await using (var db = databases.Create())
        {
            var tracked = await db.ZaloInbox.SingleAsync(e => e.Id == row.Id, ct);
            if (tracked.LeaseOwner != _owner) return; // the lease ran out and another instance has the event now
            tracked.ProcessedAt = clock.GetUtcNow();
            tracked.LeaseOwner = null;
            tracked.LeaseUntil = null;
            if (row.UserId is { Length: > 0 } userId && bodies.Count > 0) outbox.Stage(db, ZaloReplyRoute.To(userId), bodies);
            await db.SaveChangesAsync(ct);
        }

        if (row.UserId is { Length: > 0 } user) await dispatcher.SendThreadAsync(ZaloReplyRoute.To(user).OrderKey, ct);
    }

    private async Task FailAsync(ZaloInboxEvent row, string error)
    {
        var now = clock.GetUtcNow();
        var delay = options.Value.InboxRetryDelay * Math.Pow(2, Math.Max(0, row.Attempts - 1));
        var retryAt = now + (delay < MaxRetryDelay ? delay : MaxRetryDelay);
        var reason = PlainText.Cut(error, 256);
        await using var db = databases.Create();
        var owner = _owner;
        await db.ZaloInbox.Where(e => e.Id == row.Id && e.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.LeaseOwner, (string?)null)
            .SetProperty(e => e.LeaseUntil, retryAt)
            .SetProperty(e => e.LastError, reason), CancellationToken.None);
        if (row.Attempts >= options.Value.InboxMaxAttempts) LogGaveUp(logger, row.Id, row.Attempts, reason);
        else LogFailed(logger, row.Id, row.Attempts, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo event {EventId} failed (attempt {Attempt}: {Error}); will retry")]
    private static partial void LogFailed(ILogger logger, long eventId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo event {EventId} given up after {Attempts} attempts ({Error}); it stays in the ZaloInbox table")]
    private static partial void LogGaveUp(ILogger logger, long eventId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo inbox round failed ({Error})")]
    private static partial void LogLoopFailed(ILogger logger, string error);
}
