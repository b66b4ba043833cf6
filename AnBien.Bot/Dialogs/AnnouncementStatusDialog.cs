using AnBien.Bot.Announcements;
using AnBien.Bot.Conversations;
using AnBien.Bot.Schedule;
using AnBien.Bot.Summaries;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// "Tình hình thông báo": the latest announcements the person may follow (the council's all, a head's own) with their
/// deliveries counted by state, the most recent one also by unit, and a signed link to its delivery list as a
/// workbook. One reply, then the dialog ends; anyone else is refused and the refusal audited. Script: Dialogs/thong-bao.md.
/// </summary>
public sealed class AnnouncementStatusDialog(AnnouncementAccess access, AnnouncementLinks links, SummaryAudit audit, WorkingCalendar calendar)
    : StepDialog<DialogScope<StepState>>
{
    public const string DialogName = "announce-status";
    private const int Latest = 5;
    private const int Excerpt = 60;

    public override string Name => DialogName;

    public override MenuEntry MenuEntry { get; } = new("cmd:announce-status", "menu.announceStatus", 7,
        ["tình hình thông báo", "announcement status"], access.Senders, RefusesOthers: true);

    // One reply and done.
    protected override IReadOnlyList<DialogStep<DialogScope<StepState>>> Steps { get; } = [];

    public override async Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        var staff = turn.Staff!;
        var allowed = access.MaySend(staff);
        await audit.WriteAsync(turn.Db, staff.Code, AnnouncementAccess.StatusAction, "chat", allowed ? SummaryAudit.Allowed : SummaryAudit.Denied, ct);
        if (allowed) await ShowAsync(turn, ct);
        else turn.Say(turn.T("announce.denied"));
        turn.EndDialog();
    }

    protected override Task<DialogScope<StepState>?> OpenAsync(TurnContext turn, CancellationToken ct) =>
        Task.FromResult<DialogScope<StepState>?>(new(turn, turn.DialogState<StepState>()));

    private async Task ShowAsync(TurnContext turn, CancellationToken ct)
    {
        var latest = await AnnouncementReport.LatestAsync(turn.Db, turn.Staff!, Latest, ct);
        if (latest.Count == 0)
        {
            turn.Say(turn.T("announce.status.none"));
            return;
        }

        var counts = await AnnouncementReport.CountsAsync(turn.Db, latest.Select(a => a.Id).ToList(), ct);
        var lines = new List<string>();
        foreach (var a in latest)
        {
            var c = counts.GetValueOrDefault(a.Id) ?? new AnnouncementStatus(0, 0, 0, 0, 0);
            var excerpt = a.Text.Length <= Excerpt ? a.Text : a.Text[..Excerpt] + "…";
            lines.Add(turn.T("announce.status.line", ("id", a.Id), ("when", When(a.SendAt)), ("excerpt", excerpt),
                ("total", c.Queued + c.Sent + c.Failed + c.Unreachable), ("sent", c.Sent), ("acknowledged", c.Acknowledged),
                ("queued", c.Queued), ("failed", c.Failed), ("unreachable", c.Unreachable)));
        }

        var newest = latest[0];
        lines.Add(turn.T("announce.status.byUnit", ("id", newest.Id)));
        foreach (var (unit, c) in await AnnouncementReport.ByUnitAsync(turn.Db, newest.Id, ct))
        {
            lines.Add(turn.T("announce.status.unit", ("unit", unit), ("sent", c.Sent), ("total", c.Queued + c.Sent + c.Failed + c.Unreachable),
                ("acknowledged", c.Acknowledged), ("queued", c.Queued), ("failed", c.Failed), ("unreachable", c.Unreachable)));
        }

        if (links.For(turn.Staff!.Id, newest.Id, turn.Language) is { } link)
        {
            lines.Add(turn.T("announce.status.workbook", ("id", newest.Id), ("link", link), ("hours", (int)links.Lifetime.TotalHours)));
        }

        turn.Send(new OutgoingMessage(string.Join('\n', lines)) { Title = turn.T("menu.announceStatus") });
    }

    private string When(DateTimeOffset at) => DisplayFormat.DateTime(TimeZoneInfo.ConvertTime(at, calendar.Zone));
}
