using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Assessment;

/// <summary>Finds and creates units' collective assessments, and audits their submissions.</summary>
public sealed class CollectiveStore(BotDbContextFactory databases)
{
    public const string SubmitAction = "collective.submit";

    /// <summary>The unit's collective assessment with that id (never another unit's), with answers and period.</summary>
    public Task<UnitAssessment?> FindAsync(BotDbContext db, long id, int unitId, CancellationToken ct) =>
        db.UnitAssessments.Include(x => x.Answers).Include(x => x.Period).SingleOrDefaultAsync(x => x.Id == id && x.UnitId == unitId, ct);

    /// <summary>The unit's collective assessment for the period, created on first use.</summary>
    public async Task<UnitAssessment> LoadOrCreateAsync(BotDbContext db, int unitId, Period period, DateTimeOffset now, CancellationToken ct)
    {
        if (await ForPeriodAsync(db, unitId, period.Id, ct) is { } found) return found;
        await CreateAsync(unitId, period.Id, now, ct);
        return await ForPeriodAsync(db, unitId, period.Id, ct)
            ?? throw new InvalidOperationException("The unit assessment just created cannot be read back.");
    }

    /// <summary>The unit's answers from its last submitted month before this one, for "giống tháng trước".</summary>
    public async Task<IReadOnlyDictionary<string, string>> LastMonthAsync(BotDbContext db, int unitId, string month, CancellationToken ct)
    {
        var rows = await db.UnitAssessments.AsNoTracking()
            .Where(x => x.UnitId == unitId && x.Status == AssessmentStatus.Submitted && string.Compare(x.Period!.Month, month) < 0)
            .OrderByDescending(x => x.Period!.Month)
            .Select(x => x.Answers.Select(y => new { y.ItemCode, y.ChoiceCode }).ToList())
            .FirstOrDefaultAsync(ct);
        return rows?.ToDictionary(x => x.ItemCode, x => x.ChoiceCode, StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Who submitted which unit's collective assessment, and when, in the audit table (saved with the turn).</summary>
    public static void Audit(BotDbContext db, string actor, string unitCode, string month, DateTimeOffset now) =>
        db.Audit.Add(new AuditEntry { At = now, Actor = actor, Action = SubmitAction, Scope = $"{unitCode} {month}", Outcome = "allowed" });

    private static Task<UnitAssessment?> ForPeriodAsync(BotDbContext db, int unitId, int periodId, CancellationToken ct) =>
        db.UnitAssessments.Include(x => x.Answers).Include(x => x.Period).SingleOrDefaultAsync(x => x.UnitId == unitId && x.PeriodId == periodId, ct);

    /// <summary>
    /// Created in a unit of work of its own so it has an id this turn; the unique (period, unit) index lets exactly one
    /// of two heads racing create it.
    /// </summary>
    private async Task CreateAsync(int unitId, int periodId, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = databases.Create();
        db.UnitAssessments.Add(new UnitAssessment { UnitId = unitId, PeriodId = periodId, Status = AssessmentStatus.InProgress, StartedAt = now, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await db.UnitAssessments.AsNoTracking().AnyAsync(x => x.UnitId == unitId && x.PeriodId == periodId, ct)) throw;
        }
    }
}
