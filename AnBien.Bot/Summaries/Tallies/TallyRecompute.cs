using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AnBien.Bot.Summaries.Tallies;

/// <summary>
/// Keeps <see cref="ItemTally"/> and <see cref="SubmissionTally"/> equal to the submitted answers. Rather than adding
/// deltas (which two submissions in one unit could race on), the affected (period, unit) rows are deleted and summed
/// again from the raw answers, in the transaction that saved the change: at most one unit's month of answers.
/// </summary>
public static class TallyRecompute
{
    /// <summary>
    /// What the pending changes touch, read before they are saved: the (period, unit) pairs that held submitted answers
    /// (original values), and the submitted assessments whose pairs are read after the save, when a new unit's or
    /// period's key is known. Null when a change cannot be placed (an answer saved without its assessment), which
    /// rebuilds every tally. Changes must have been detected already (<see cref="SaveAsync"/>).
    /// </summary>
    private static (HashSet<(int PeriodId, int UnitId)> Before, List<Storage.Assessment> After)? Affected(ChangeTracker tracker)
    {
        var before = new HashSet<(int, int)>();
        var after = new List<Storage.Assessment>();
        var changedAnswers = new List<long>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            if (entry.Entity is Storage.Assessment a)
            {
                var original = entry.State == EntityState.Added ? null : entry.OriginalValues;
                if (original is not null && original.GetValue<AssessmentStatus>(nameof(Storage.Assessment.Status)) == AssessmentStatus.Submitted)
                {
                    before.Add((original.GetValue<int>(nameof(Storage.Assessment.PeriodId)), original.GetValue<int>(nameof(Storage.Assessment.UnitId))));
                }

                if (entry.State != EntityState.Deleted && a.Status == AssessmentStatus.Submitted) after.Add(a);
            }
            else if (entry.Entity is Answer x)
            {
                changedAnswers.Add(x.AssessmentId);
            }
        }

        foreach (var id in changedAnswers)
        {
            // An answer reached through its assessment has it tracked (new ones share its temporary key until saved).
            var owner = tracker.Entries<Storage.Assessment>().FirstOrDefault(e => e.Entity.Id == id);
            if (owner is null) return null;
            if (owner.Entity.Status == AssessmentStatus.Submitted) after.Add(owner.Entity);
        }

        return (before, after);
    }

    /// <summary>
    /// Saves the pending changes and the tallies they affect atomically: inside the caller's transaction when there is
    /// one, else in one opened here under the execution strategy (Npgsql retries), saving without accepting the changes
    /// so that a retry saves them again.
    /// </summary>
    public static async Task<int> SaveAsync(BotDbContext db, bool acceptAllChangesOnSuccess, Func<bool, CancellationToken, Task<int>> save, CancellationToken ct)
    {
        // One scan for changes for the whole save: the two scans below and SaveChanges itself would each compare every
        // tracked row again (a turn tracks the person's assessment with all its answers).
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        if (detect) tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveDetectedAsync(db, acceptAllChangesOnSuccess, save, ct);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static async Task<int> SaveDetectedAsync(BotDbContext db, bool acceptAllChangesOnSuccess, Func<bool, CancellationToken, Task<int>> save, CancellationToken ct)
    {
        var affected = Affected(db.ChangeTracker);
        // The roster's submitted marks change with the same saves (a submission, an un-submission, a removal).
        var marks = Assessment.PeriodRoster.MarkChanges(db.ChangeTracker);
        if (affected is { Before.Count: 0, After.Count: 0 } && marks is { Before.Count: 0, After.Count: 0 }) return await save(acceptAllChangesOnSuccess, ct);
        if (db.Database.CurrentTransaction is not null)
        {
            var saved = await save(acceptAllChangesOnSuccess, ct);
            await RecomputeAsync(db, Pairs(affected), ct);
            await Assessment.PeriodRoster.MarkAsync(db, marks, ct);
            return saved;
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await BeginAsync(db, token);
            var saved = await save(false, token);
            await RecomputeAsync(db, Pairs(affected), token);
            await Assessment.PeriodRoster.MarkAsync(db, marks, token);
            await transaction.CommitAsync(token);
            if (acceptAllChangesOnSuccess) db.ChangeTracker.AcceptAllChanges();
            return saved;
        }, ct);
    }

    private static HashSet<(int PeriodId, int UnitId)>? Pairs((HashSet<(int PeriodId, int UnitId)> Before, List<Storage.Assessment> After)? affected)
    {
        if (affected is not { } a) return null;
        var pairs = new HashSet<(int, int)>(a.Before);
        foreach (var assessment in a.After) pairs.Add((assessment.PeriodId, assessment.UnitId));
        return pairs;
    }

    /// <summary>
    /// On SQLite a deferred transaction: an immediate one would take the file's write lock before SaveChanges queues at
    /// the in-process write gate (Storage/SqliteWriteGate.cs), while the gate's holder waits for that lock.
    /// </summary>
    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(BotDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return await db.Database.BeginTransactionAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        return await db.Database.UseTransactionAsync(connection.BeginTransaction(deferred: true), ct)
            ?? throw new InvalidOperationException("EF did not take the SQLite transaction.");
    }

    /// <summary>Recomputes the tallies of the given pairs (all when null); must run in the transaction that saved the answers.</summary>
    public static async Task RecomputeAsync(BotDbContext db, IReadOnlyCollection<(int PeriodId, int UnitId)>? affected, CancellationToken ct)
    {
        if (affected is null)
        {
            await RebuildAllAsync(db, ct);
            return;
        }

        // Ordered, and on PostgreSQL serialised per (period, unit) by a transaction-scoped advisory lock: two submissions of
        // one unit and month saved at once would otherwise both delete nothing and both insert the pair's rows. All the
        // locks come first: the organisation's rows are shared by every unit of a period, and a transaction that waited
        // for them while holding one pair's lock, with the holder wanting that pair next, would deadlock.
        var pairs = affected.Order().ToList();
        if (db.Database.IsNpgsql())
        {
            foreach (var (periodId, unitId) in pairs)
            {
                var pair = unchecked((int)(periodId * 1_000_003L + unitId));
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({TallyLockSpace}, {pair})", ct);
            }
        }

        foreach (var (periodId, unitId) in pairs)
        {
            await AddToOrganisationAsync(db, periodId, unitId, -1, ct);
            await db.Set<ItemTally>().Where(t => t.PeriodId == periodId && t.UnitId == unitId).ExecuteDeleteAsync(ct);
            await db.Set<SubmissionTally>().Where(t => t.PeriodId == periodId && t.UnitId == unitId).ExecuteDeleteAsync(ct);
            await db.Set<ClassificationTally>().Where(t => t.PeriodId == periodId && t.UnitId == unitId).ExecuteDeleteAsync(ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "ItemTallies" ("PeriodId", "UnitId", "ItemCode", "Answered", "Points", "Zero", "Negative")
                SELECT a."PeriodId", a."UnitId", x."ItemCode", COUNT(*), SUM(x."Points"),
                       SUM(CASE WHEN x."Points" = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN x."Points" < 0 THEN 1 ELSE 0 END)
                FROM "Answers" x JOIN "Assessments" a ON a."Id" = x."AssessmentId"
                WHERE a."Status" = {(int)AssessmentStatus.Submitted} AND a."PeriodId" = {periodId} AND a."UnitId" = {unitId}
                GROUP BY a."PeriodId", a."UnitId", x."ItemCode"
                """, ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "SubmissionTallies" ("PeriodId", "UnitId", "MaxPoints", "Submitted", "Points")
                SELECT a."PeriodId", a."UnitId", COALESCE(a."MaxPoints", 0), COUNT(*), SUM(COALESCE(a."TotalPoints", 0))
                FROM "Assessments" a
                WHERE a."Status" = {(int)AssessmentStatus.Submitted} AND a."PeriodId" = {periodId} AND a."UnitId" = {unitId}
                GROUP BY a."PeriodId", a."UnitId", COALESCE(a."MaxPoints", 0)
                """, ct);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "ClassificationTallies" ("PeriodId", "UnitId", "Proposed", "Confirmed", "Count")
                SELECT a."PeriodId", a."UnitId", COALESCE(a."ProposedClassification", ''), COALESCE(a."ConfirmedClassification", ''), COUNT(*)
                FROM "Assessments" a
                WHERE a."Status" = {(int)AssessmentStatus.Submitted} AND a."PeriodId" = {periodId} AND a."UnitId" = {unitId}
                GROUP BY a."PeriodId", a."UnitId", COALESCE(a."ProposedClassification", ''), COALESCE(a."ConfirmedClassification", '')
                """, ct);
            await AddToOrganisationAsync(db, periodId, unitId, 1, ct);
        }
    }

    /// <summary>
    /// Adds a unit's item tallies to the organisation's (<paramref name="sign"/> 1) or takes them out (-1). In item
    /// order, so concurrent transactions lock the shared rows in the same order. The WHERE before ON CONFLICT is
    /// required by SQLite.
    /// </summary>
    private static Task<int> AddToOrganisationAsync(BotDbContext db, int periodId, int unitId, int sign, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "OrganisationItemTallies" ("PeriodId", "ItemCode", "Answered", "Points", "Zero", "Negative")
            SELECT t."PeriodId", t."ItemCode", {sign} * t."Answered", {sign} * t."Points", {sign} * t."Zero", {sign} * t."Negative"
            FROM "ItemTallies" t WHERE t."PeriodId" = {periodId} AND t."UnitId" = {unitId}
            ORDER BY t."ItemCode"
            ON CONFLICT ("PeriodId", "ItemCode") DO UPDATE SET
                "Answered" = "OrganisationItemTallies"."Answered" + excluded."Answered",
                "Points" = "OrganisationItemTallies"."Points" + excluded."Points",
                "Zero" = "OrganisationItemTallies"."Zero" + excluded."Zero",
                "Negative" = "OrganisationItemTallies"."Negative" + excluded."Negative"
            """, ct);

    // The advisory-lock key space of the tallies (an arbitrary constant, so other advisory locks never collide with these).
    private const int TallyLockSpace = 7118;

    /// <summary>Recomputes every tally from the raw answers: after a bulk load, or a change that could not be placed.</summary>
    public static async Task RebuildAllAsync(BotDbContext db, CancellationToken ct)
    {
        await db.Set<ItemTally>().ExecuteDeleteAsync(ct);
        await db.Set<SubmissionTally>().ExecuteDeleteAsync(ct);
        await db.Set<ClassificationTally>().ExecuteDeleteAsync(ct);
        await db.Set<OrganisationItemTally>().ExecuteDeleteAsync(ct);
        await db.Database.ExecuteSqlRawAsync(RebuildSql, ct);
    }

    /// <summary>The whole rebuild as plain SQL, for bulk loaders that write with COPY (benchmarks/…/ProvinceData.cs).</summary>
    public const string RebuildSql = """
        INSERT INTO "ItemTallies" ("PeriodId", "UnitId", "ItemCode", "Answered", "Points", "Zero", "Negative")
        SELECT a."PeriodId", a."UnitId", x."ItemCode", COUNT(*), SUM(x."Points"),
               SUM(CASE WHEN x."Points" = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN x."Points" < 0 THEN 1 ELSE 0 END)
        FROM "Answers" x JOIN "Assessments" a ON a."Id" = x."AssessmentId"
        WHERE a."Status" = 1
        GROUP BY a."PeriodId", a."UnitId", x."ItemCode";
        INSERT INTO "SubmissionTallies" ("PeriodId", "UnitId", "MaxPoints", "Submitted", "Points")
        SELECT a."PeriodId", a."UnitId", COALESCE(a."MaxPoints", 0), COUNT(*), SUM(COALESCE(a."TotalPoints", 0))
        FROM "Assessments" a
        WHERE a."Status" = 1
        GROUP BY a."PeriodId", a."UnitId", COALESCE(a."MaxPoints", 0);
        INSERT INTO "ClassificationTallies" ("PeriodId", "UnitId", "Proposed", "Confirmed", "Count")
        SELECT a."PeriodId", a."UnitId", COALESCE(a."ProposedClassification", ''), COALESCE(a."ConfirmedClassification", ''), COUNT(*)
        FROM "Assessments" a
        WHERE a."Status" = 1
        GROUP BY a."PeriodId", a."UnitId", COALESCE(a."ProposedClassification", ''), COALESCE(a."ConfirmedClassification", '');
        INSERT INTO "OrganisationItemTallies" ("PeriodId", "ItemCode", "Answered", "Points", "Zero", "Negative")
        SELECT t."PeriodId", t."ItemCode", SUM(t."Answered"), SUM(t."Points"), SUM(t."Zero"), SUM(t."Negative")
        FROM "ItemTallies" t
        GROUP BY t."PeriodId", t."ItemCode";
        """;
}
