using System.Text.Json;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels;

/// <summary>
/// The channel-neutral way the product reaches a person. Every message is queued in the outbox first, so it survives
/// channel outages and restarts and is sent once; the outbox's staff route picks among the person's linked accounts.
/// Features that send many messages queue them in their own transaction (<see cref="Enqueue"/>) with a correlation
/// (e.g. "announcement" and the delivery id) and read the outcome from the outbox rows.
/// </summary>
public sealed class ProactiveSender(OutboxQueue queue, OutboxDispatcher dispatcher, BotDbContextFactory databases)
{
    /// <summary>The channel recorded for a message handed to the outbox that was still waiting its turn when the caller moved on.</summary>
    public const string QueuedChannel = "outbox";

    public static OutboxAddress ToStaff(int staffId) =>
        new(StaffRoute.RouteName, JsonSerializer.Serialize(new StaffAddress(staffId), OutboxQueue.Json), $"staff/{staffId}");

    /// <summary>Queues a message in the caller's unit of work; the workers send it once that commits (call <see cref="OutboxDispatcher.Wake"/> after).</summary>
    public OutboxMessage Enqueue(BotDbContext db, int staffId, OutgoingMessage message, string? correlationKind = null, string? correlationId = null) =>
        queue.Stage(db, ToStaff(staffId), [message], leased: false, correlationKind: correlationKind, correlationId: correlationId)[0];

    /// <summary>
    /// Queues a message and makes its first attempt now, returning every channel tried. A failure is retried by the
    /// workers until the outbox's budget runs out; "not reachable" is final.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryResult>> SendToStaffAsync(int staffId, OutgoingMessage message, CancellationToken ct)
    {
        OutboxMessage row;
        await using (var db = databases.Create())
        {
            row = queue.Stage(db, ToStaff(staffId), [message])[0];
            await db.SaveChangesAsync(ct);
        }

        var tried = await dispatcher.SendAsync([row.Id], ct);
        return tried.Count > 0 ? tried : [await OutcomeAsync(row.Id, ct)];
    }

    /// <summary>
    /// The outcome of a row this call could not send itself, because an earlier message to the same person was still on
    /// its way (from another instance, say). The row stays in the outbox and a worker sends it right after that one; it
    /// must not be queued a second time. Waits a little for it to settle; if it has not, it is reported as handed to the
    /// outbox, which delivers it (or records why not) on its own.
    /// </summary>
    private async Task<DeliveryResult> OutcomeAsync(long id, CancellationToken ct)
    {
        var until = DateTime.UtcNow + queue.Options.ReplyWait; // real time: the other sender works in real time too
        while (true)
        {
            await using (var db = databases.Create())
            {
                var row = await db.Outbox.AsNoTracking().Where(m => m.Id == id)
                    .Select(m => new { m.Status, m.SentVia, m.Route, m.Detail, m.ExternalId }).SingleAsync(ct);
                switch (row.Status)
                {
                    case OutboxStatus.Sent: return DeliveryResult.Sent(row.SentVia ?? row.Route, row.ExternalId);
                    case OutboxStatus.Unreachable: return DeliveryResult.NotReachable(row.SentVia ?? row.Route, row.Detail ?? "");
                    case OutboxStatus.Failed: return DeliveryResult.Failed(row.SentVia ?? row.Route, row.Detail ?? "") with { Retryable = false };
                }
            }

            if (DateTime.UtcNow > until) return new DeliveryResult(QueuedChannel, DeliveryStatus.Sent, "queued behind an earlier message");
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }
}
