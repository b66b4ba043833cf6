using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Works through the webhook inbox: at start-up (the sweep that makes "killed after the 200" lose nothing), when the
/// endpoint signals, and on a poll for rows stored by other instances. A row is claimed with a conditional update on
/// its lease, so several instances never handle the same event; a user's events are taken in order. The rendered
/// replies are stored on the row before sending and counted as they go, so a crash resends only what was not sent.
/// </summary>
public sealed partial class ZaloInboxProcessor(
    BotDbContextFactory databases,
    ZaloEventHandler handler,
    ZaloClient client,
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
            await FailAsync(row, ex is ZaloSendFailedException sf ? sf.Message : ex.GetType().Name);
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
        var repliesJson = row.RepliesJson;
        if (repliesJson is null)
        {
            var evt = ZaloWebhookEvent.Parse(Encoding.UTF8.GetBytes(row.Body));
            var replies = evt is null ? [] : await handler.HandleAsync(row, evt, ct);
            repliesJson = JsonSerializer.Serialize(replies);
            await UpdateOwnedAsync(row.Id, s => s.SetProperty(e => e.RepliesJson, repliesJson), ct);
        }

        var bodies = JsonSerializer.Deserialize<List<JsonObject>>(repliesJson) ?? [];
        for (var i = row.RepliesSent; i < bodies.Count; i++)
        {
            var result = await client.SendMessageAsync(bodies[i], ct);
            if (result.Status == DeliveryStatus.NotReachable)
            {
                // Outside the window or gone: nothing later in this reply can arrive either. Recorded, not retried.
                await MarkUnreachableAsync(row.UserId, ct);
                LogUnreachable(logger, row.Id, result.Error);
                break;
            }

            if (result.Status == DeliveryStatus.Failed)
            {
                if (result.Retryable) throw new ZaloSendFailedException(result.Detail ?? "send failed");

                // A refused message (bad field…) would be refused again: skip it rather than block the person's inbox.
                LogReplyRefused(logger, row.Id, result.Error);
            }

            var sent = i + 1;
            await UpdateOwnedAsync(row.Id, s => s.SetProperty(e => e.RepliesSent, sent), ct);
        }

        var now = clock.GetUtcNow();
        await UpdateOwnedAsync(row.Id, s => s
            .SetProperty(e => e.ProcessedAt, now)
            .SetProperty(e => e.LeaseOwner, (string?)null)
            .SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null), ct);
    }

    private async Task UpdateOwnedAsync(
        long id,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ZaloInboxEvent>> set,
        CancellationToken ct)
    {
        await using var db = databases.Create();
        var owner = _owner;
        await db.ZaloInbox.Where(e => e.Id == id && e.LeaseOwner == owner).ExecuteUpdateAsync(set, ct);
    }

    private async Task MarkUnreachableAsync(string? userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        await db.ChannelAccounts.Where(a => a.Channel == ZaloEventHandler.Channel && a.ChannelUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UnreachableSince, now), ct);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply to Zalo event {EventId} not delivered: user not reachable (error {Error})")]
    private static partial void LogUnreachable(ILogger logger, long eventId, int error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo refused a reply to event {EventId} (error {Error}); skipped")]
    private static partial void LogReplyRefused(ILogger logger, long eventId, int error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Zalo inbox round failed ({Error})")]
    private static partial void LogLoopFailed(ILogger logger, string error);
}
