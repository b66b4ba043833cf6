using AnBien.Bot.Conversations;
using AnBien.Bot.Reports;
using AnBien.Bot.Summaries;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// Unit heads and staff who type "báo cáo năm" or "đề xuất khen thưởng" get a polite no and an audit row: the menu
/// entry, and with it the words, are the council's (<see cref="YearlyReportDialog"/>).
/// </summary>
public sealed class YearlyReportRefusal(SummaryAudit audit) : IReplyHandler
{
    public async Task<bool> TryHandleAsync(TurnContext turn, CancellationToken ct)
    {
        var viewer = turn.Staff!;
        if (turn.State.Active is not null || ReportAccess.MaySee(viewer) || !YearlyReportWords.AreAsked(turn.Input)) return false;
        await audit.WriteAsync(turn.Db, viewer.Code, ReportAudit.View, ReportAudit.NoScope, SummaryAudit.Denied, ct);
        turn.Say(turn.T("report.councilOnly"));
        return true;
    }
}
