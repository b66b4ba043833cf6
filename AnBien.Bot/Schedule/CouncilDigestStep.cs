using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Schedule;

/// <summary>Hands the last closed period to the council's digest (the summaries build and send it).</summary>
public sealed class CouncilDigestStep(BotDbContextFactory databases, IEnumerable<ICouncilDigestHandler> handlers) : IRhythmStep
{
    public string Name => "council-digest";

    public string Cron(ScheduleOptions schedule) => schedule.CouncilDigest;

    public async Task<StepOutcome> RunAsync(DateTimeOffset dueAt, CancellationToken ct)
    {
        await using var db = databases.Create();
        var period = await db.Periods.AsNoTracking()
            .Where(p => p.ClosedAt != null && p.ClosedAt <= dueAt)
            .OrderByDescending(p => p.Month).FirstOrDefaultAsync(ct);
        if (period is null) return StepOutcome.Completed("skipped: no closed period");
        var list = handlers.ToList();
        foreach (var handler in list) await handler.SendDigestAsync(period, ct);
        return StepOutcome.Completed(list.Count == 0 ? $"no digest handler for {period.Month}" : $"digest for {period.Month}");
    }
}
