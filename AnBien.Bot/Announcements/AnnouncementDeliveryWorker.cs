using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using AnBien.Bot.Channels;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Announcements;

/// <summary>
/// Claims queued deliveries in batches and sends them. On PostgreSQL any number of workers run at once (the claim is
/// <c>FOR UPDATE SKIP LOCKED</c>); on SQLite only one instance delivers. Each outcome is recorded as soon as its send
/// returns, and only queued rows are ever claimed, so a row recorded as sent is never sent again. The one gap no
/// channel lets us close: a process that dies after the channel accepted a message and before the row was updated
/// sends it once more after the claim lease (Teams and Zalo take no idempotency key; see README).
/// </summary>
public sealed partial class AnnouncementDeliveryWorker(
    BotDbContextFactory databases,
    IAnnouncementTransport transport,
    TextCatalog texts,
    IOptions<AnnouncementOptions> options,
    TimeProvider clock,
    ILogger<AnnouncementDeliveryWorker> logger)
{
    private readonly ConcurrentDictionary<string, RateLimiter?> _limiters = new(StringComparer.OrdinalIgnoreCase);

    private AnnouncementOptions Options => options.Value;

    /// <summary>Delivers until nothing is due; returns how many deliveries it handled. Cancelling stops after the sends in flight.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var handled = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await ClaimAsync(ct);
            if (batch.Count == 0) break;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = ct },
                async (item, token) =>
                {
                    await DeliverAsync(item, token);
                    Interlocked.Increment(ref handled);
                });
        }

        return handled;
    }

    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lease = now + Options.ClaimLease;
        await using var db = databases.Create();
        List<long> ids;
        if (databases.IsPostgres)
        {
            ids = await db.Database.SqlQuery<long>($"""
                UPDATE "AnnouncementDeliveries" SET "ClaimedUntil" = {lease}
                WHERE "Id" IN (
                    SELECT "Id" FROM "AnnouncementDeliveries"
                    WHERE "State" = 0 AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                    ORDER BY "Id" LIMIT {Options.BatchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
        }
        else
        {
            ids = await db.AnnouncementDeliveries
                .Where(d => d.State == DeliveryState.Queued && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(Options.BatchSize).ToListAsync(ct);
            await db.AnnouncementDeliveries.Where(d => ids.Contains(d.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.ClaimedUntil, lease), ct);
        }

        if (ids.Count == 0) return [];
        return await (from d in db.AnnouncementDeliveries.AsNoTracking()
                      where ids.Contains(d.Id)
                      join a in db.Announcements.AsNoTracking() on d.AnnouncementId equals a.Id
                      join s in db.Staff.AsNoTracking() on d.StaffId equals s.Id
                      orderby d.Id
                      select new ClaimedDelivery(d.Id, d.StaffId, d.Channel, d.Attempts, a, s.Language))
            .ToListAsync(ct);
    }

    private async Task DeliverAsync(ClaimedDelivery item, CancellationToken ct)
    {
        if (item.Channel is { } channel && Limiter(channel) is { } limiter)
        {
            using var lease = await limiter.AcquireAsync(1, ct);
        }

        DeliveryResult result;
        try
        {
            result = await transport.SendAsync(item.StaffId, Render(item), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = DeliveryResult.Failed(item.Channel ?? "none", ex.GetType().Name);
        }

        // The send happened: record it even if the worker is being stopped, or a restart would send it again.
        await RecordAsync(item, result, CancellationToken.None);
    }

    private async Task RecordAsync(ClaimedDelivery item, DeliveryResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var attempts = item.Attempts + 1;
        await using var db = databases.Create();
        var row = db.AnnouncementDeliveries.Where(d => d.Id == item.Id && d.State == DeliveryState.Queued);
        switch (result.Status)
        {
            case DeliveryStatus.Sent:
                await row.ExecuteUpdateAsync(u => u
                    .SetProperty(d => d.State, DeliveryState.Sent).SetProperty(d => d.SentAt, now).SetProperty(d => d.Channel, result.Channel)
                    .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), ct);
                break;
            case DeliveryStatus.NotReachable:
                await row.ExecuteUpdateAsync(u => u
                    .SetProperty(d => d.State, DeliveryState.Unreachable).SetProperty(d => d.Reason, Trim(result.Detail))
                    .SetProperty(d => d.Channel, result.Channel).SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), ct);
                break;
            default:
                var final = attempts >= Options.MaxAttempts;
                var next = now + Options.RetryDelay * Math.Pow(2, attempts - 1);
                await row.ExecuteUpdateAsync(u => u
                    .SetProperty(d => d.State, final ? DeliveryState.Failed : DeliveryState.Queued).SetProperty(d => d.Reason, Trim(result.Detail))
                    .SetProperty(d => d.Attempts, attempts).SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), ct);
                if (final) LogGaveUp(logger, item.Id, attempts, result.Channel);
                break;
        }
    }

    private OutgoingMessage Render(ClaimedDelivery item) => AnnouncementMessage.Render(texts, item.Announcement, item.Language);

    private RateLimiter? Limiter(string channel) => _limiters.GetOrAdd(channel, c =>
        Options.ChannelRates.TryGetValue(c, out var rate) && rate > 0
            ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = rate, TokensPerPeriod = rate, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue, AutoReplenishment = true,
            })
            : null);

    private static string? Trim(string? reason) => reason is { Length: > 256 } ? reason[..256] : reason;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} failed {Attempts} times on {Channel}; given up")]
    private static partial void LogGaveUp(ILogger logger, long deliveryId, int attempts, string channel);

    private sealed record ClaimedDelivery(long Id, int StaffId, string? Channel, int Attempts, Announcement Announcement, string Language);
}
