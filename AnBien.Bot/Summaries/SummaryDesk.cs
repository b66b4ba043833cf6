using AnBien.Bot.Storage;

namespace AnBien.Bot.Summaries;

/// <summary>
/// The one door to summaries for a person (the chat dialog, the push at close, the workbook link): checks the scope,
/// computes, and writes the audit row, whatever the outcome.
/// </summary>
public sealed class SummaryDesk(SummaryService summaries, SummaryAudit audit)
{
    public async Task<SummaryOutcome> ForAsync(BotDbContext db, Staff viewer, SummaryRequest request, string action, CancellationToken ct)
    {
        var tree = await UnitTree.LoadAsync(db, ct);
        if (!tree.TryFind(request.UnitCode, out var unit))
        {
            await audit.WriteAsync(db, viewer.Code, action, request.Scope, SummaryAudit.NotFound, ct);
            return SummaryOutcome.NoSuchUnit;
        }

        if (!SummaryAccess.MaySee(viewer, tree, unit))
        {
            await audit.WriteAsync(db, viewer.Code, action, request.Scope, SummaryAudit.Denied, ct);
            return SummaryOutcome.Refused;
        }

        // The reply, the chart, the workbook and the push show the previous period by its figures alone.
        var summary = await summaries.ComputeAsync(db, unit.Code, request.WithSubunits, request.Period, previousLists: false, ct);
        await audit.WriteAsync(db, viewer.Code, action, request.Scope, SummaryAudit.Allowed, ct);
        return new SummaryOutcome(summary, false, summary is null);
    }
}
