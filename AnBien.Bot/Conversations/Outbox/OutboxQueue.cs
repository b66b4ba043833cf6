using System.Text.Json;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Conversations.Outbox;

/// <summary>
/// Writes messages into the outbox inside the caller's unit of work, so they commit or roll back with it. Rows staged
/// by a turn are leased to this instance for a moment: the request that produced them makes the first attempt (and
/// can keep a thread's order, e.g. the web chat's echo before its replies); if this process dies, the lease runs out
/// and any instance's worker sends them.
/// </summary>
public sealed class OutboxQueue(BotDbContextFactory databases, IOptions<OutboxOptions> options, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>This process's name on the rows it leases.</summary>
    public string Owner { get; } = Guid.NewGuid().ToString("N");

    public OutboxOptions Options => options.Value;

    /// <summary>Adds one row per payload to <paramref name="db"/>'s pending changes; ids are set by the caller's SaveChanges.</summary>
    /// <param name="leased">Leased to this instance because the caller sends them right after the commit; otherwise any worker may.</param>
    public IReadOnlyList<OutboxMessage> Stage<T>(BotDbContext db, OutboxAddress to, IEnumerable<T> payloads, OutboxSource? source = null,
        bool leased = true, string? correlationKind = null, string? correlationId = null)
    {
        var now = clock.GetUtcNow();
        var rows = payloads.Select(p => new OutboxMessage
        {
            Route = to.Route,
            OrderKey = to.OrderKey,
            Address = to.Json,
            Payload = JsonSerializer.Serialize(p, Json),
            Status = OutboxStatus.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
            Deadline = now + options.Value.Budget,
            LeaseOwner = leased ? Owner : null,
            LeaseUntil = leased ? now + options.Value.Lease : null,
            SourceChannel = source?.Channel,
            SourceActivityId = source?.ActivityId,
            CorrelationKind = correlationKind,
            CorrelationId = correlationId,
        }).ToList();
        db.Outbox.AddRange(rows);
        return rows;
    }

    /// <summary>
    /// For a redelivered activity: the ids of its replies that are not sent yet, oldest first, made due now. Replies given
    /// up as failed are queued again with a fresh budget, since the channel redelivering shows the person is still waiting.
    /// </summary>
    public async Task<IReadOnlyList<long>> ReviveAsync(OutboxSource source, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var deadline = now + options.Value.Budget;
        await using var db = databases.Create();
        await db.Outbox
            .Where(m => m.SourceChannel == source.Channel && m.SourceActivityId == source.ActivityId
                && (m.Status == OutboxStatus.Failed || m.Status == OutboxStatus.Queued))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Queued)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.Deadline, deadline), ct);
        return await db.Outbox.AsNoTracking()
            .Where(m => m.SourceChannel == source.Channel && m.SourceActivityId == source.ActivityId && m.Status == OutboxStatus.Queued)
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .ToListAsync(ct);
    }
}
