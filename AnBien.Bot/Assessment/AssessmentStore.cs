using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Assessment;

/// <summary>Finds and creates a person's assessment rows, with their answers and period, for the turn's unit of work.</summary>
public sealed class AssessmentStore(BotDbContextFactory databases, CatalogueRegistry catalogues)
{
    // Read on every turn of the self-assessment, so compiled once (EF otherwise walks and hashes the expression tree
    // each time). Per instance, not static: EF ties a compiled query to one model, and each provider has its own.
    private readonly Func<BotDbContext, long, int, CancellationToken, Task<Storage.Assessment?>> _findById = EF.CompileAsyncQuery(
        (BotDbContext db, long id, int staffId, CancellationToken _) =>
            db.Assessments.Include(x => x.Answers).Include(x => x.Period).SingleOrDefault(x => x.Id == id && x.StaffId == staffId));

    private readonly Func<BotDbContext, int, int, CancellationToken, Task<Storage.Assessment?>> _findForPeriod = EF.CompileAsyncQuery(
        (BotDbContext db, int staffId, int periodId, CancellationToken _) =>
            db.Assessments.Include(x => x.Answers).Include(x => x.Period).SingleOrDefault(x => x.StaffId == staffId && x.PeriodId == periodId));

    /// <summary>The person's assessment with that id (never someone else's), with answers and period.</summary>
    public Task<Storage.Assessment?> FindAsync(BotDbContext db, long id, int staffId, CancellationToken ct) => _findById(db, id, staffId, ct);

    /// <summary>The person's assessment for the period, created on first use.</summary>
    public async Task<Storage.Assessment> LoadOrCreateAsync(BotDbContext db, Staff staff, Period period, DateTimeOffset now, CancellationToken ct)
    {
        var a = await _findForPeriod(db, staff.Id, period.Id, ct);
        if (a is not null) return a;
        await CreateAsync(staff, period, now, ct);
        return await _findForPeriod(db, staff.Id, period.Id, ct)
            ?? throw new InvalidOperationException("The assessment just created cannot be read back.");
    }

    /// <summary>The id of an assessment the person started and left unfinished in a period open now, or null.</summary>
    public Task<long?> FindUnfinishedAsync(BotDbContext db, int staffId, string notStartedStep, DateTimeOffset now, CancellationToken ct) =>
        db.Assessments
            .Where(a => a.StaffId == staffId && a.Status == AssessmentStatus.InProgress && a.Step != notStartedStep)
            .Where(a => a.Period!.ClosedAt == null && a.Period.OpensAt <= now && a.Period.ClosesAt > now)
            .Select(a => (long?)a.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>Saves a note for a group; notes are read only here, not with every turn's assessment.</summary>
    public async Task SaveNoteAsync(BotDbContext db, Storage.Assessment a, string groupCode, string text, DateTimeOffset now, CancellationToken ct)
    {
        var note = await db.GroupNotes.SingleOrDefaultAsync(n => n.AssessmentId == a.Id && n.GroupCode == groupCode, ct);
        if (note is null)
        {
            db.GroupNotes.Add(new GroupNote { AssessmentId = a.Id, GroupCode = groupCode, Text = text });
        }
        else
        {
            note.Text = text;
        }

        a.UpdatedAt = now;
    }

    /// <summary>
    /// Creates the row in a unit of work of its own, so it has an id for this turn without committing the turn early;
    /// the unique (staff, period) index lets exactly one of two racing chats create it.
    /// </summary>
    private async Task CreateAsync(Staff staff, Period period, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = databases.Create();
        // The person's catalogue is fixed with the row: a later change of their category does not re-score the month.
        var variant = await catalogues.VariantForAsync(db, period, staff.Category, ct);
        db.Assessments.Add(new Storage.Assessment
        {
            StaffId = staff.Id, PeriodId = period.Id, UnitId = staff.UnitId, Status = AssessmentStatus.InProgress,
            StartedAt = now, UpdatedAt = now, CatalogueId = variant?.Id, CatalogueVersion = variant?.Version,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Fine when the person's other chat created it a moment ago; anything else is a real error.
            if (!await db.Assessments.AsNoTracking().AnyAsync(x => x.StaffId == staff.Id && x.PeriodId == period.Id, ct)) throw;
        }
    }
}
