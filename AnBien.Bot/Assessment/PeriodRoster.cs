using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AnBien.Bot.Assessment;

/// <summary>
/// Who is expected to assess in a period: the active staff when it opens, plus people who join before it closes.
/// A closed period's roster is never touched again, so its summary does not change when the directory does. Each row
/// also carries whether the person has submitted (<see cref="RosterEntry.Submitted"/>), kept here.
/// </summary>
public static class PeriodRoster
{
    /// <summary>Adds every active person missing from the period's roster, in their current unit.</summary>
    public static Task<int> AddActiveStaffAsync(BotDbContext db, int periodId, CancellationToken ct) =>
        // One statement, so opening a province-sized period does not load the directory; ON CONFLICT makes a second
        // instance opening the same month (or a re-import) harmless. The WHERE before ON CONFLICT is required by SQLite.
        // Someone who joins after submitting (moved back in, reactivated) is added already marked.
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "PeriodRoster" ("PeriodId", "StaffId", "UnitId", "Submitted")
            SELECT {periodId}, s."Id", s."UnitId", EXISTS (SELECT 1 FROM "Assessments" AS a
                WHERE a."PeriodId" = {periodId} AND a."StaffId" = s."Id" AND a."Status" = {(int)AssessmentStatus.Submitted})
            FROM "Staff" AS s WHERE s."Active" = {true}
            ON CONFLICT DO NOTHING
            """, ct);

    /// <summary>
    /// After a directory import: newcomers join every period still open, people who moved and have not submitted are
    /// expected in their new unit, and people who left without submitting are no longer expected.
    /// </summary>
    public static async Task SyncOpenPeriodsAsync(BotDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Periods.Where(p => p.ClosedAt == null && p.ClosesAt > now).Select(p => p.Id).ToListAsync(ct);
        foreach (var periodId in open)
        {
            await AddActiveStaffAsync(db, periodId, ct);
            var notSubmitted = db.Roster.Where(r => r.PeriodId == periodId && !r.Submitted);
            await notSubmitted.Where(r => db.Staff.Any(s => s.Id == r.StaffId && !s.Active)).ExecuteDeleteAsync(ct);
            await notSubmitted.Where(r => db.Staff.Any(s => s.Id == r.StaffId && s.Active && s.UnitId != r.UnitId))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.UnitId, r => db.Staff.Where(s => s.Id == r.StaffId).Select(s => s.UnitId).First()), ct);
        }
    }

    /// <summary>
    /// What the pending changes may do to the submitted marks, read before they are saved: the (period, staff) pairs an
    /// assessment was submitted under (original values), and the assessments whose pairs are read after the save (a new
    /// row's keys are known only then). Only a change of submitted state, period or person counts; edits do not.
    /// </summary>
    public static (HashSet<(int PeriodId, int StaffId)> Before, List<Storage.Assessment> After) MarkChanges(ChangeTracker tracker)
    {
        var before = new HashSet<(int, int)>();
        var after = new List<Storage.Assessment>();
        foreach (var entry in tracker.Entries<Storage.Assessment>())
        {
            var a = entry.Entity;
            switch (entry.State)
            {
                case EntityState.Added when a.Status == AssessmentStatus.Submitted:
                    after.Add(a);
                    break;
                case EntityState.Deleted or EntityState.Modified:
                    var original = entry.OriginalValues;
                    var wasSubmitted = original.GetValue<AssessmentStatus>(nameof(Storage.Assessment.Status)) == AssessmentStatus.Submitted;
                    var key = (original.GetValue<int>(nameof(Storage.Assessment.PeriodId)), original.GetValue<int>(nameof(Storage.Assessment.StaffId)));
                    var isSubmitted = entry.State == EntityState.Modified && a.Status == AssessmentStatus.Submitted;
                    var moved = entry.State == EntityState.Modified && key != (a.PeriodId, a.StaffId);
                    if (wasSubmitted == isSubmitted && !moved) break;
                    if (wasSubmitted) before.Add(key);
                    if (isSubmitted) after.Add(a);
                    break;
            }
        }

        return (before, after);
    }

    /// <summary>Sets the marks of the pairs <see cref="MarkChanges"/> found; must run in the transaction that saved them.</summary>
    public static async Task MarkAsync(BotDbContext db, (HashSet<(int PeriodId, int StaffId)> Before, List<Storage.Assessment> After) changes, CancellationToken ct)
    {
        var pairs = new HashSet<(int PeriodId, int StaffId)>(changes.Before);
        foreach (var a in changes.After) pairs.Add((a.PeriodId, a.StaffId));
        // One assessment per (person, period) is a unique index, so only that person's own saves write this row.
        foreach (var (periodId, staffId) in pairs.Order())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "PeriodRoster" SET "Submitted" = EXISTS (SELECT 1 FROM "Assessments" AS a
                    WHERE a."PeriodId" = {periodId} AND a."StaffId" = {staffId} AND a."Status" = {(int)AssessmentStatus.Submitted})
                WHERE "PeriodId" = {periodId} AND "StaffId" = {staffId}
                """, ct);
        }
    }

    /// <summary>
    /// Every mark set again from the assessments (only rows that differ are written): for bulk loaders that write with
    /// COPY (benchmarks/…/ProvinceData.cs) and for a database whose roster predates the marks.
    /// </summary>
    public const string RebuildMarksSql = """
        UPDATE "PeriodRoster" SET "Submitted" = NOT "Submitted"
        WHERE "Submitted" <> EXISTS (SELECT 1 FROM "Assessments" AS a
            WHERE a."PeriodId" = "PeriodRoster"."PeriodId" AND a."StaffId" = "PeriodRoster"."StaffId" AND a."Status" = 1);
        """;
}
