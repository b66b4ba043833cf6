using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Assessment;

/// <summary>
/// Who is expected to assess in a period: the active staff when it opens, plus people who join before it closes.
/// A closed period's roster is never touched again, so its summary does not change when the directory does.
/// </summary>
public static class PeriodRoster
{
    /// <summary>Adds every active person missing from the period's roster, in their current unit.</summary>
    public static Task<int> AddActiveStaffAsync(BotDbContext db, int periodId, CancellationToken ct) =>
        // One statement, so opening a province-sized period does not load the directory; ON CONFLICT makes a second
        // instance opening the same month (or a re-import) harmless. The WHERE before ON CONFLICT is required by SQLite.
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "PeriodRoster" ("PeriodId", "StaffId", "UnitId")
            SELECT {periodId}, s."Id", s."UnitId" FROM "Staff" AS s WHERE s."Active" = {true}
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
            var notSubmitted = db.Roster.Where(r => r.PeriodId == periodId
                && !db.Assessments.Any(a => a.PeriodId == periodId && a.StaffId == r.StaffId && a.Status == AssessmentStatus.Submitted));
            await notSubmitted.Where(r => db.Staff.Any(s => s.Id == r.StaffId && !s.Active)).ExecuteDeleteAsync(ct);
            await notSubmitted.Where(r => db.Staff.Any(s => s.Id == r.StaffId && s.Active && s.UnitId != r.UnitId))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.UnitId, r => db.Staff.Where(s => s.Id == r.StaffId).Select(s => s.UnitId).First()), ct);
        }
    }
}
