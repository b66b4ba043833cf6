using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.Outbox;

/// <summary>
/// The two writes every reply makes, the claim and the "sent" record, as one parameterised statement each. As
/// ExecuteUpdate they cost a funcletized query and a fresh DynamicMethod per call, which the finalizer thread then pays
/// for (BENCHMARKS.md, "Turns", the round-4 profile); as SQL they are a command and its parameters. Identifiers are quoted
/// as in the migrations, so the same text runs on SQLite and PostgreSQL.
/// </summary>
internal static class OutboxStatements
{
    private static readonly string Queued = nameof(OutboxStatus.Queued);
    private static readonly string Sent = nameof(OutboxStatus.Sent);

    /// <summary>
    /// Leases the row to <paramref name="owner"/> until <paramref name="until"/> and counts the attempt, if it is queued,
    /// due, free or already ours, first of its thread still queued, and (when <paramref name="untried"/>) not tried yet.
    /// </summary>
    public static Task<int> ClaimAsync(BotDbContext db, long id, string owner, DateTimeOffset now, DateTimeOffset until, bool untried, CancellationToken ct)
    {
        var at = Stamp(db, now);
        var leaseUntil = Stamp(db, until);
        var maxAttempts = untried ? 0 : int.MaxValue;
        return db.Database.ExecuteSqlAsync($"""
            UPDATE "Outbox" SET "LeaseOwner" = {owner}, "LeaseUntil" = {leaseUntil}, "Attempts" = "Attempts" + 1
            WHERE "Id" = {id} AND "Status" = {Queued} AND "NextAttemptAt" <= {at}
              AND ("LeaseUntil" IS NULL OR "LeaseUntil" <= {at} OR "LeaseOwner" = {owner})
              AND "Attempts" <= {maxAttempts}
              AND NOT EXISTS (SELECT 1 FROM "Outbox" AS o
                              WHERE o."OrderKey" = "Outbox"."OrderKey" AND o."Id" < "Outbox"."Id" AND o."Status" = {Queued})
            """, ct);
    }

    /// <summary>Records the row as sent and frees its lease, only while it is still queued and leased to <paramref name="owner"/>.</summary>
    public static Task<int> RecordSentAsync(BotDbContext db, long id, string owner, DateTimeOffset sentAt, string? via, string? externalId, CancellationToken ct)
    {
        var at = Stamp(db, sentAt);
        return db.Database.ExecuteSqlAsync($"""
            UPDATE "Outbox" SET "Status" = {Sent}, "SentAt" = {at}, "SentVia" = {via}, "ExternalId" = {externalId},
                                "Detail" = NULL, "LeaseOwner" = NULL, "LeaseUntil" = NULL
            WHERE "Id" = {id} AND "LeaseOwner" = {owner} AND "Status" = {Queued}
            """, ct);
    }

    // A raw parameter bypasses the model's value converter (UTC ticks on SQLite, UTC offset on PostgreSQL: see each
    // provider's context), so the instant is converted here exactly as the column stores it.
    private static object Stamp(BotDbContext db, DateTimeOffset value) =>
        db.Model.FindEntityType(typeof(OutboxMessage))!.FindProperty(nameof(OutboxMessage.LeaseUntil))!.GetTypeMapping().Converter
            ?.ConvertToProvider(value) ?? value;
}
