using AnBien.Bot.Announcements;
using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Schedule;

/// <summary>Opens the month's period and tells everyone. A period the council closed by hand is not reopened.</summary>
public sealed class OpenPeriodStep(BotDbContextFactory databases, PeriodService periods, AnnouncementService announcements,
    RhythmNotice notices, TimeProvider clock) : IRhythmStep
{
    public string Name => "open-period";

    public string Cron(ScheduleOptions schedule) => schedule.OpenPeriod;

    public async Task<StepOutcome> RunAsync(DateTimeOffset dueAt, CancellationToken ct)
    {
        var month = PeriodWindow.MonthOf(dueAt, periods.Options);
        var (year, mon) = PeriodService.ParseMonth(month);
        if (clock.GetUtcNow() >= PeriodWindow.For(year, mon, periods.Options).ClosesAt) return StepOutcome.Completed($"skipped: {month} already over");

        await using var db = databases.Create();
        var period = await periods.FindOpenAsync(db, ct);
        if (period is null || period.Month != month) return StepOutcome.Completed($"skipped: {month} is not open");

        var draft = notices.Draft(AnnouncementKind.PeriodOpened, "rhythm.opened", period, AnnouncementAudience.Everyone, $"open@{month}");
        var announcement = await announcements.CreateAsync(draft, ct);
        return StepOutcome.Completed($"opened {month}, announcement {announcement.Id}");
    }
}
