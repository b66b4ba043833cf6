using AnBien.Bot.Announcements;
using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Schedule;

/// <summary>
/// Locks every period whose time is up (or that the council closed by hand), hands it to the heads' summaries and
/// tells everyone. The closing notice's occurrence key marks the period as handled, so the hooks run once per period.
/// </summary>
public sealed class ClosePeriodStep(BotDbContextFactory databases, PeriodService periods, AnnouncementService announcements,
    RhythmNotice notices, IEnumerable<IPeriodClosedHandler> handlers, OccurrenceLease leases, IOptions<ScheduleOptions> options,
    TimeProvider clock) : IRhythmStep
{
    private readonly string _instance = Guid.NewGuid().ToString("N");

    public string Name => "close-period";

    public string Cron(ScheduleOptions schedule) => schedule.ClosePeriod;

    public async Task<StepOutcome> RunAsync(DateTimeOffset dueAt, CancellationToken ct)
    {
        var handled = await HandOverAsync(includeEnded: true, ct);
        return StepOutcome.Completed(handled.Count == 0 ? "nothing to close" : $"closed {string.Join(", ", handled)}");
    }

    /// <summary>
    /// Hands over periods closed by hand ("period close" only marks the period) without waiting for the scheduled
    /// close; the scheduler asks on every look. Two instances asking at once hand each period over once: a lease per
    /// period decides which.
    /// </summary>
    public Task<IReadOnlyList<string>> HandOverClosedAsync(CancellationToken ct) => HandOverAsync(includeEnded: false, ct);

    private async Task<IReadOnlyList<string>> HandOverAsync(bool includeEnded, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now - options.Value.CatchUp;
        await using var db = databases.Create();
        var ended = await db.Periods
            .Where(p => (p.ClosedAt != null && p.ClosedAt > horizon)
                || (includeEnded && p.ClosedAt == null && p.ClosesAt <= now && p.ClosesAt > horizon))
            .OrderBy(p => p.Month).ToListAsync(ct);
        var handled = new List<string>();
        foreach (var candidate in ended)
        {
            var key = $"close@{candidate.Month}";
            if (await db.Announcements.AnyAsync(a => a.OccurrenceKey == key, ct)) continue;

            // One instance hands a period over; the others skip it while its lease runs, and take it over only if that
            // instance died before the closing notice (the handlers queue under occurrence keys, so a redo adds nothing).
            var job = $"hand-over@{candidate.Month}";
            if (!await leases.TryClaimAsync(job, DateTimeOffset.UnixEpoch, _instance, ct)) continue;
            var period = await periods.CloseAsync(db, candidate.Month, ct);
            foreach (var handler in handlers) await handler.OnPeriodClosedAsync(period, ct);
            await announcements.CreateAsync(notices.Draft(AnnouncementKind.PeriodClosed, "rhythm.closed", period, AnnouncementAudience.Everyone, key), ct);
            await leases.FinishAsync(job, DateTimeOffset.UnixEpoch, StepOutcome.Completed("handed over"), CancellationToken.None);
            handled.Add(period.Month);
        }

        return handled;
    }
}
