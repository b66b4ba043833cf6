using System.Text.Json;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Channels;

/// <summary>
/// The channel-neutral way the product reaches a person. Every message is queued in the outbox first, so it survives
/// channel outages and restarts and is sent once; the outbox's staff route picks among the person's linked accounts.
/// Features that send many messages queue them in their own transaction (<see cref="Enqueue"/>) with a correlation
/// (e.g. "announcement" and the delivery id) and read the outcome from the outbox rows.
/// </summary>
public sealed class ProactiveSender(OutboxQueue queue, OutboxDispatcher dispatcher, BotDbContextFactory databases)
{
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

        return await dispatcher.SendAsync([row.Id], ct);
    }
}
