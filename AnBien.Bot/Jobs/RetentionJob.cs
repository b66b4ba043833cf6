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
        foreach (var staff in candidates)
        {
            await removal.AnonymiseAsync(db, await PersonFootprint.OfAsync(db, staff, ct), ct);
        }

        var chats = await db.WebChatActivities.Where(a => a.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        chats += await db.ZaloInbox.Where(e => e.ProcessedAt != null && e.ReceivedAt < cutoff).ExecuteDeleteAsync(ct);
        if (candidates.Count > 0 || chats > 0) LogApplied(Logger, years, candidates.Count, chats);
        return candidates.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention of {Years} years: {People} people anonymised, {Chats} chat log rows deleted")]
    private static partial void LogApplied(ILogger logger, int years, int people, int chats);
}
