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
/// <c>FOR UPDATE SKIP LOCKED</c>); on SQLite only one instance delivers. A batch is sent in chunks of twice the
/// parallelism, and each chunk's outcomes are recorded together as soon as its sends return (also when the worker is
/// stopped); only queued rows are ever claimed, so a row recorded as sent is never sent again. The one gap no channel
/// lets us close: a process that dies after the channel accepted a message and before its chunk was recorded sends it
/// once more after the claim lease (Teams and Zalo take no idempotency key; see README).
/// </summary>
public sealed partial class AnnouncementDeliveryWorker(
    BotDbContextFactory databases,
    IAnnouncementTransport transport,
    TextCatalog texts,
    AnnouncementLinks links,
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
            var pictures = await PicturesAsync(batch, ct);
            foreach (var chunk in batch.Chunk(Options.Parallelism * 2))
            {
                var outcomes = new ConcurrentBag<(ClaimedDelivery Item, DeliveryResult Result)>();
                try
                {
                    await Parallel.ForEachAsync(chunk, new ParallelOptions { MaxDegreeOfParallelism = Options.Parallelism, CancellationToken = ct },
                        async (item, token) => outcomes.Add((item, await SendAsync(item, pictures, token))));
                }
                finally
                {
                    // What was sent is recorded even if the worker is being stopped, or a restart would send it again.
                    await RecordAsync(outcomes, CancellationToken.None);
                    handled += outcomes.Count;
                }
            }
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

    /// <summary>The pictures given as files of the batch's announcements, with their signed addresses: read and signed once per batch.</summary>
    private async Task<Dictionary<long, (byte[] Data, Uri? Link)>> PicturesAsync(IReadOnlyList<ClaimedDelivery> batch, CancellationToken ct)
    {
        var ids = batch.Where(d => d.Announcement.ImageType is not null).Select(d => d.Announcement.Id).Distinct().ToList();
        if (ids.Count == 0) return [];
        await using var db = databases.Create();
        return await db.AnnouncementImages.AsNoTracking().Where(i => ids.Contains(i.AnnouncementId))
            .ToDictionaryAsync(i => i.AnnouncementId, i => (i.Data, links.ImageFor(i.AnnouncementId)), ct);
    }

    private async Task<DeliveryResult> SendAsync(ClaimedDelivery item, Dictionary<long, (byte[] Data, Uri? Link)> pictures, CancellationToken ct)
    {
        if (item.Channel is { } channel && Limiter(channel) is { } limiter)
        {
            using var lease = await limiter.AcquireAsync(1, ct);
        }

        try
        {
            return await transport.SendAsync(item.StaffId, Render(item, pictures), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return DeliveryResult.Failed(item.Channel ?? "none", ex.GetType().Name);
        }
    }

    /// <summary>
    /// Records a chunk's sends: the accepted ones in one statement per channel (the common case, and what makes
    /// thousands a second possible), the rest one by one. Only rows still queued change, so a row recorded as sent
    /// stays sent.
    /// </summary>
    private async Task RecordAsync(IReadOnlyCollection<(ClaimedDelivery Item, DeliveryResult Result)> outcomes, CancellationToken ct)
    {
        if (outcomes.Count == 0) return;
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        foreach (var sent in outcomes.Where(o => o.Result.Status == DeliveryStatus.Sent).GroupBy(o => o.Result.Channel))
        {
            var ids = sent.Select(o => o.Item.Id).ToList();
            await db.AnnouncementDeliveries.Where(d => ids.Contains(d.Id) && d.State == DeliveryState.Queued)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(d => d.State, DeliveryState.Sent).SetProperty(d => d.SentAt, now).SetProperty(d => d.Channel, sent.Key)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), ct);
        }

        foreach (var (item, result) in outcomes.Where(o => o.Result.Status != DeliveryStatus.Sent))
        {
            await RecordAsync(db, item, result, now, ct);
        }
    }

    private async Task RecordAsync(BotDbContext db, ClaimedDelivery item, DeliveryResult result, DateTimeOffset now, CancellationToken ct)
    {
        var attempts = item.Attempts + 1;
        var row = db.AnnouncementDeliveries.Where(d => d.Id == item.Id && d.State == DeliveryState.Queued);
        switch (result.Status)
        {
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

    private OutgoingMessage Render(ClaimedDelivery item, Dictionary<long, (byte[] Data, Uri? Link)> pictures)
    {
        var a = item.Announcement;
        var picture = a.ImageType is { } type && pictures.TryGetValue(a.Id, out var stored)
            ? new MessageImage(stored.Data, AnnouncementMessage.AltText(texts, item.Language), stored.Link) { ContentType = type }
            : null;
        return AnnouncementMessage.Render(texts, a, item.Language, picture);
    }

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
