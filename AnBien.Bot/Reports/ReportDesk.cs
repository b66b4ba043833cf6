using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Reports;

/// <summary>
/// The one door to the yearly report and award list for a person (the chat dialog and the workbook link): checks
/// access, computes, and writes the audit row whatever the outcome. Null: refused, or no such unit.
/// </summary>
public sealed class ReportDesk(YearlyReportService reports, SummaryAudit audit, IOptions<AwardOptions> rules)
{
    public async Task<AwardList?> ForAsync(BotDbContext db, Staff viewer, SummaryRequest request, string action, CancellationToken ct)
    {
        if (!ReportAccess.MaySee(viewer))
        {
            await audit.WriteAsync(db, viewer.Code, action, request.Scope, SummaryAudit.Denied, ct);
            return null;
        }

        var report = await reports.ComputeAsync(db, request.UnitCode, request.WithSubunits, request.Period, ct);
        await audit.WriteAsync(db, viewer.Code, action, request.Scope, report is null ? SummaryAudit.NotFound : SummaryAudit.Allowed, ct);
        return report is null ? null : AwardSelector.Select(report, rules.Value);
    }
}
