using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Reports;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// "Báo cáo năm 2026" and "đề xuất khen thưởng" for the council (and administrators): the whole organisation's year in
/// one phone-sized reply (participation, average, breaches and good deeds, the top units, how many award candidates
/// and near misses) and the signed link to the workbook that holds the detail and the evidence. Access and the audit
/// row are <see cref="ReportDesk"/>'s; others are refused by <see cref="YearlyReportRefusal"/>. Script: Dialogs/khen-thuong.md.
/// </summary>
public sealed class YearlyReportDialog(ReportDesk desk, SummaryLinks links, IOptions<PeriodOptions> periods) : StepDialog<DialogScope<StepState>>
{
    public const string DialogName = "yearly-report";
    private const int TopUnits = 3;

    public override string Name => DialogName;

    public override MenuEntry MenuEntry { get; } = new(YearlyReportWords.Command, "menu.awards", 5, YearlyReportWords.Words,
        StaffRoles.Council | StaffRoles.Admin, TakesMore: true);

    // One reply and done: no question waits for an answer.
    protected override IReadOnlyList<DialogStep<DialogScope<StepState>>> Steps { get; } = [];

    public override async Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        await ShowAsync(turn, ct);
        turn.EndDialog();
    }

    protected override Task<DialogScope<StepState>?> OpenAsync(TurnContext turn, CancellationToken ct) =>
        Task.FromResult<DialogScope<StepState>?>(new(turn, turn.DialogState<StepState>()));

    private async Task ShowAsync(TurnContext turn, CancellationToken ct)
    {
        var (year, awardsAsked) = YearlyReportWords.Read(turn.Input, turn.Local(turn.Now, periods.Value.TimeZone).Year);
        var root = await turn.Db.Units.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => u.Code).FirstOrDefaultAsync(ct);
        var request = new SummaryRequest(root ?? "", true, SummaryPeriod.Parse(year.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var awards = await desk.ForAsync(turn.Db, turn.Staff!, request, awardsAsked ? ReportAudit.Awards : ReportAudit.View, ct);
        if (awards is null)
        {
            turn.Say(turn.T(ReportAccess.MaySee(turn.Staff!) ? "report.nothingHeld" : "report.councilOnly", ("year", year)));
            return;
        }

        var report = awards.Report;
        if (report.MonthsHeld.Count == 0)
        {
            turn.Say(turn.T("report.nothingHeld", ("year", year)));
            return;
        }

        var language = turn.Language;
        string Percent(decimal? value) => value is { } v ? DisplayFormat.Percent(v, language) : "—";
        var participation = report.Expected == 0 ? (decimal?)null : 100m * report.Submitted / report.Expected;
        var top = report.Units.Where(u => u.AveragePercent is not null)
            .OrderByDescending(u => u.AveragePercent).ThenByDescending(u => u.ParticipationPercent).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Take(TopUnits)
            .Select(u => turn.T("report.chat.unit", ("name", u.Name), ("percent", Percent(u.AveragePercent))))
            .ToList();
        var rules = awards.Rules;
        var awardLines = new List<string>
        {
            turn.T("report.chat.awards", ("candidates", awards.Candidates.Count), ("nearMisses", awards.NearMisses.Count)),
            turn.T("report.chat.rules", ("months", rules.MinMonthsSubmitted), ("breaches", rules.MaxBreaches), ("atLevel", rules.MinMonthsAtLevel),
                ("level", awards.MinLevelLabel), ("participation", Percent(rules.MinUnitParticipationPercent))),
        };
        var figures = new List<string>
        {
            turn.T("report.chat.participation", ("submitted", report.Submitted), ("expected", report.Expected), ("percent", Percent(participation)),
                ("months", report.MonthsHeld.Count), ("average", Percent(report.AveragePercent))),
            turn.T("report.chat.breaches", ("breaches", report.Breaches), ("deeds", report.Deeds.Count)),
        };
        if (top.Count > 0) figures.Add(turn.T("report.chat.topUnits", ("units", string.Join("; ", top))));

        var lines = awardsAsked ? [.. awardLines, .. figures] : figures.Concat(awardLines).ToList();
        if (links.For(ReportEndpoints.LinkKind, turn.Staff!.Id, request, language) is { } link)
        {
            var hours = links.Lifetime.TotalHours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            lines.Add(turn.T("summary.workbook", ("hours", hours), ("link", link)));
        }

        var title = turn.T(awardsAsked ? "report.chat.awardsTitle" : "report.chat.title", ("year", year), ("unit", report.UnitName));
        turn.Send(new OutgoingMessage(string.Join('\n', lines.Prepend(title))) { Title = title });
    }
}
