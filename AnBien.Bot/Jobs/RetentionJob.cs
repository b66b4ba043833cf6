using AnBien.Bot.Privacy;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Jobs;

/// <summary>
/// Retention (Retention:Years, off when unset): people who have left the directory and left no trace for that many
/// years are anonymised, and chat logs older than that are deleted. Scores stay, so old summaries do not change.
/// Safe on every instance at once: a person already anonymised is no longer a candidate, and the deletes are idempotent.
/// </summary>
public sealed partial class RetentionJob(
    BotDbContextFactory databases,
    PersonalDataRemoval removal,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionJob> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Every => TimeSpan.FromHours(24);

    protected override bool Enabled => options.Value.Years is not null;

    /// <summary>Returns how many people were anonymised.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (options.Value.Years is not { } years) return 0;
        var cutoff = Clock.GetUtcNow().AddYears(-years);
        await using var db = databases.Create();

        // The latest trace of a person: an assessment touched, a chat account linked or used.
        var candidates = await db.Staff
            .Where(s => !s.Active && !s.Code.StartsWith(PersonalDataRemoval.PseudonymPrefix))
            .Where(s => !db.Assessments.Any(a => a.StaffId == s.Id && a.UpdatedAt >= cutoff))
            .Where(s => !db.ChannelAccounts.Any(a => a.StaffId == s.Id && (a.LinkedAt >= cutoff || a.LastInteractionAt >= cutoff)))
            .Include(s => s.Unit)
            .ToListAsync(ct);
        var anonymised = 0;
        foreach (var staff in candidates)
        {
            try
            {
                await removal.AnonymiseAsync(db, await PersonFootprint.OfAsync(db, staff, ct), ct);
                anonymised++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance (or this one's start-up run) anonymised the person between our read and our write:
                // done once, by them. Forget what we loaded and go on with the others.
                db.ChangeTracker.Clear();
                LogAlreadyDone(Logger, staff.Id);
            }
        }

        var chats = await db.WebChatActivities.Where(a => a.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        chats += await db.ZaloInbox.Where(e => e.ProcessedAt != null && e.ReceivedAt < cutoff).ExecuteDeleteAsync(ct);
        if (anonymised > 0 || chats > 0) LogApplied(Logger, years, anonymised, chats);
        return anonymised;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: staff {StaffId} was anonymised by another run meanwhile")]
    private static partial void LogAlreadyDone(ILogger logger, int staffId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention of {Years} years: {People} people anonymised, {Chats} chat log rows deleted")]
    private static partial void LogApplied(ILogger logger, int years, int people, int chats);
}
