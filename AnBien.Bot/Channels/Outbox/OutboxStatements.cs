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

    /// <summary>
    /// Whether a row this process staged and still holds may be sent without a claim: it is queued, leased to
    /// <paramref name="owner"/>, not tried yet, and first of its thread still queued (the claim's conditions for such a
    /// row; its lease is checked by the caller). A read, so it neither waits for nor takes the database's write lock.
    /// </summary>
    public static async Task<bool> IsOursToSendAsync(BotDbContext db, long id, string owner, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                SELECT COUNT(*) FROM "Outbox"
                WHERE "Id" = @id AND "LeaseOwner" = @owner AND "Status" = @queued AND "Attempts" = 0
                  AND NOT EXISTS (SELECT 1 FROM "Outbox" AS o
                                  WHERE o."OrderKey" = "Outbox"."OrderKey" AND o."Id" < "Outbox"."Id" AND o."Status" = @queued)
                """;
            Parameter(command, "id", id);
            Parameter(command, "owner", owner);
            Parameter(command, "queued", Queued);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Records the row as sent and frees its lease, only while it is still queued and leased to <paramref name="owner"/>;
    /// counts the attempt too when its claim did not (<paramref name="countAttempt"/>).
    /// </summary>
    public static Task<int> RecordSentAsync(BotDbContext db, long id, string owner, DateTimeOffset sentAt, string? via, string? externalId,
        bool countAttempt, CancellationToken ct)
    {
        var at = Stamp(db, sentAt);
        var attempt = countAttempt ? 1 : 0;
        return db.Database.ExecuteSqlAsync($"""
            UPDATE "Outbox" SET "Status" = {Sent}, "SentAt" = {at}, "SentVia" = {via}, "ExternalId" = {externalId},
                                "Detail" = NULL, "LeaseOwner" = NULL, "LeaseUntil" = NULL, "Attempts" = "Attempts" + {attempt}
            WHERE "Id" = {id} AND "LeaseOwner" = {owner} AND "Status" = {Queued}
            """, ct);
    }

    private static void Parameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // A raw parameter bypasses the model's value converter (UTC ticks on SQLite, UTC offset on PostgreSQL: see each
    // provider's context), so the instant is converted here exactly as the column stores it.
    private static object Stamp(BotDbContext db, DateTimeOffset value) =>
        db.Model.FindEntityType(typeof(OutboxMessage))!.FindProperty(nameof(OutboxMessage.LeaseUntil))!.GetTypeMapping().Converter
            ?.ConvertToProvider(value) ?? value;
}
