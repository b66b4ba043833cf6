using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Schedule;

/// <summary>
/// The database lease that makes each occurrence run once across instances: the instance whose insert of
/// (job, due time) wins runs it; another may take it over only after the lease ran out without completion.
/// </summary>
public sealed class OccurrenceLease(BotDbContextFactory databases, IOptions<ScheduleOptions> options, TimeProvider clock)
{
    public async Task<bool> TryClaimAsync(string job, DateTimeOffset dueAt, string instance, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.Lease;
        await using var db = databases.Create();
        if (await db.JobOccurrences.AnyAsync(o => o.Job == job && o.DueAt == dueAt, ct))
        {
            return await TakeOverAsync(db, job, dueAt, instance, now, until, ct);
        }

        db.JobOccurrences.Add(new JobOccurrence { Job = job, DueAt = dueAt, Instance = instance, ClaimedAt = now, LeaseUntil = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the same occurrence between our look and our insert.
            db.ChangeTracker.Clear();
            return await TakeOverAsync(db, job, dueAt, instance, now, until, ct);
        }
    }

    public async Task FinishAsync(string job, DateTimeOffset dueAt, StepOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var note = outcome.Note.Length > 256 ? outcome.Note[..256] : outcome.Note;
        await using var db = databases.Create();
        var row = db.JobOccurrences.Where(o => o.Job == job && o.DueAt == dueAt);
        if (outcome.Done)
        {
            await row.ExecuteUpdateAsync(u => u.SetProperty(o => o.CompletedAt, now).SetProperty(o => o.Outcome, note), ct);
        }
        else
        {
            // Released at once, so the next look (by any instance) tries again.
            await row.ExecuteUpdateAsync(u => u.SetProperty(o => o.LeaseUntil, now).SetProperty(o => o.Outcome, note), ct);
        }
    }

    private static async Task<bool> TakeOverAsync(BotDbContext db, string job, DateTimeOffset dueAt, string instance, DateTimeOffset now,
        DateTimeOffset until, CancellationToken ct)
    {
        var taken = await db.JobOccurrences
            .Where(o => o.Job == job && o.DueAt == dueAt && o.CompletedAt == null && o.LeaseUntil <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Instance, instance).SetProperty(o => o.ClaimedAt, now).SetProperty(o => o.LeaseUntil, until), ct);
        return taken == 1;
    }
}
