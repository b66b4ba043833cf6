using AnBien.Bot.Channels;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using AnBien.Bot.Assessment;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// The "Nhắc" button of a summary (value "nhac:&lt;staff code&gt;"): sends the person a reminder through the proactive
/// sender, at most once a local day per person whoever asks, and only within the asker's scope. Each reminder sent (or
/// refused) is an audit row, which is also how "once a day" is checked. Answered anywhere, outside any dialog, since
/// the summary that carried the button has ended.
/// </summary>
public sealed class SummaryReminders(ProactiveSender sender, SummaryAudit audit, IOptions<PeriodOptions> periods) : IReplyHandler
{
    public const string Prefix = "nhac:";
    public const string Action = "summary.remind";
    private const string NotReachable = "not-reachable";

    /// <summary>The scope of a staff member's refused "tổng hợp": they get no unit at all.</summary>
    private const string NoScope = "-";

    public async Task<bool> TryHandleAsync(TurnContext turn, CancellationToken ct)
    {
        var viewer = turn.Staff!;
        var person = await TargetAsync(turn, ct);
        if (person is null)
        {
            // Staff who type "tổng hợp" get a polite no here: the menu entry, and with it the words, are only theirs
            // who get summaries.
            if (turn.State.Active is null && SummaryWords.AreAsked(turn.Input) && !SummaryAccess.GetsSummaries(viewer))
            {
                await audit.WriteAsync(turn.Db, viewer.Code, SummaryAudit.View, NoScope, SummaryAudit.Denied, ct);
                turn.Say(turn.T("summary.staffOnly"));
                return true;
            }

            return false;
        }

        var code = person.Code;
        var tree = await UnitTree.LoadAsync(turn.Db, ct);
        var unit = tree.Nodes.FirstOrDefault(n => n.Id == person.UnitId);
        if (unit is null || !SummaryAccess.MaySee(viewer, tree, unit))
        {
            await audit.WriteAsync(turn.Db, viewer.Code, Action, code, SummaryAudit.Denied, ct);
            turn.Say(turn.T("summary.denied"));
            return true;
        }

        var dayStart = DayStart(turn);
        if (await turn.Db.Audit.AnyAsync(a => a.Action == Action && a.Scope == code && a.Outcome == SummaryAudit.Allowed && a.At >= dayStart, ct))
        {
            turn.Say(turn.T("summary.remind.already", ("name", person.FullName)));
            return true;
        }

        var open = await turn.Db.Periods.AsNoTracking()
            .Where(p => p.ClosedAt == null && p.OpensAt <= turn.Now && p.ClosesAt > turn.Now)
            .OrderByDescending(p => p.Month).FirstOrDefaultAsync(ct);
        if (open is null)
        {
            turn.Say(turn.T("summary.remind.closed"));
            return true;
        }

        var language = person.Language;
        var closes = turn.Local(open.ClosesAt.AddSeconds(-1), periods.Value.TimeZone);
        var reminder = new OutgoingMessage(turn.Texts.Get(language, "summary.remind.message",
            ("month", DisplayFormat.Month(open.Month)), ("deadline", closes.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)), ("sender", viewer.FullName)))
        {
            Choices = [new Choice("cmd:assess", turn.Texts.Get(language, "menu.assess"), 1)],
        };
        var results = await sender.SendToStaffAsync(person.Id, reminder, ct);
        var sent = results.Any(r => r.Status == DeliveryStatus.Sent);
        await audit.WriteAsync(turn.Db, viewer.Code, Action, code, sent ? SummaryAudit.Allowed : NotReachable, ct);
        turn.Say(turn.T(sent ? "summary.remind.sent" : "summary.remind.unreachable", ("name", person.FullName)));
        return true;
    }

    /// <summary>
    /// Whom a "Nhắc" names: the button's value "nhac:&lt;code&gt;" (cards), or its label "Nhắc &lt;full name&gt;", which
    /// clients with suggested actions send back as text; null when the message is no "Nhắc".
    /// </summary>
    private static async Task<Staff?> TargetAsync(TurnContext turn, CancellationToken ct)
    {
        var input = turn.Input?.Trim() ?? "";
        if (input.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var code = input[Prefix.Length..];
            return await turn.Db.Staff.SingleOrDefaultAsync(s => s.Code == code && s.Active, ct);
        }

        var label = turn.T("summary.remind.button", ("name", "")).Trim();
        if (!input.StartsWith(label + " ", StringComparison.OrdinalIgnoreCase)) return null;
        var name = input[label.Length..].Trim();
        var named = await turn.Db.Staff.Where(s => s.FullName == name && s.Active).Take(2).ToListAsync(ct);
        return named.Count == 1 ? named[0] : null;
    }

    /// <summary>The start of today in the organisation's time zone, as an instant.</summary>
    private DateTimeOffset DayStart(TurnContext turn)
    {
        var local = turn.Local(turn.Now, periods.Value.TimeZone);
        return new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
    }
}
