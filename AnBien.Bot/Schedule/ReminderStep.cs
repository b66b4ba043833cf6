using AnBien.Bot.Announcements;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Schedule;

/// <summary>
/// Reminds those who have not submitted: only in working hours on working days (an occurrence outside them waits
/// for the next working moment), never a person on leave or snoozed, and at most Schedule:MaxReminders per period.
/// </summary>
public sealed class ReminderStep(BotDbContextFactory databases, AnnouncementService announcements, AudienceResolver audiences,
    RhythmNotice notices, WorkingCalendar calendar, IOptions<ScheduleOptions> options, TimeProvider clock) : IRhythmStep
{
    public string Name => "remind";

    public string Cron(ScheduleOptions schedule) => schedule.Remind;

    public async Task<StepOutcome> RunAsync(DateTimeOffset dueAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!calendar.IsWorkingTime(now)) return StepOutcome.Deferred("waiting for working hours");

        await using var db = databases.Create();
        var period = await db.Periods.AsNoTracking()
            .Where(p => p.ClosedAt == null && p.OpensAt <= now && p.ClosesAt > now)
            .OrderByDescending(p => p.OpensAt).FirstOrDefaultAsync(ct);
        if (period is null) return StepOutcome.Completed("skipped: no open period");

        var due = await DueForReminderAsync(db, period.Id, now, ct);
        if (due.Count == 0) return StepOutcome.Completed($"nobody to remind for {period.Month}");
        var recipients = await audiences.ReachAsync(db, due, now, ct);
        var draft = notices.Draft(AnnouncementKind.Reminder, "rhythm.remind", period,
            new AnnouncementAudience(AudienceKind.Staff, []), $"remind@{dueAt.UtcDateTime:yyyy-MM-ddTHH:mm}Z");
        var announcement = await announcements.EnqueueAsync(db, draft, recipients, ct);
        return StepOutcome.Completed($"reminded {recipients.Count} for {period.Month}, announcement {announcement.Id}");
    }

    /// <summary>Active staff without a submitted assessment, not on leave or snoozed, under the cap.</summary>
    private async Task<List<int>> DueForReminderAsync(BotDbContext db, int periodId, DateTimeOffset now, CancellationToken ct)
    {
        var today = calendar.Today(now);
        var submitted = db.Assessments.Where(a => a.PeriodId == periodId && a.Status == AssessmentStatus.Submitted).Select(a => a.StaffId);
        var away = db.StaffAvailability.Where(a => a.OnLeaveUntil >= today || a.SnoozedUntil > now).Select(a => a.StaffId);
        var candidates = await db.Staff.AsNoTracking()
            .Where(s => s.Active && !submitted.Contains(s.Id) && !away.Contains(s.Id))
            .Select(s => s.Id).ToListAsync(ct);

        var reminded = await (from d in db.AnnouncementDeliveries
                              join a in db.Announcements on d.AnnouncementId equals a.Id
                              where a.Kind == AnnouncementKind.Reminder && a.PeriodId == periodId
                                    && (d.State == DeliveryState.Queued || d.State == DeliveryState.Sent || d.State == DeliveryState.Acknowledged)
                              group d by d.StaffId into g
                              select new { StaffId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.StaffId, x => x.Count, ct);
        return candidates.Where(id => reminded.GetValueOrDefault(id) < options.Value.MaxReminders).ToList();
    }
}
