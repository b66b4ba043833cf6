using AnBien.Bot.Channels;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using AnBien.Bot.Assessment;
using AnBien.Bot.Schedule;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// The "Nhắc" button of a summary (value "nhac:&lt;staff code&gt;"): queues the person a reminder in the durable outbox,
/// at most once a local day per person whoever asks, never while they are on leave or snoozed, and only within the
/// asker's scope. The reminder and its audit row commit with the head's turn, and the outbox sends it right after (a
/// worker retries it if the channel is down), so the head's reply never waits on another person's channel. Each
/// reminder queued (or refused) is an audit row, which is also how "once a day" is checked. It is no announcement, so
/// it does not count towards the automatic reminders' cap (Schedule:MaxReminders). Answered anywhere, outside any
/// dialog, since the summary that carried the button has ended.
/// </summary>
public sealed class SummaryReminders(ProactiveSender sender, SummaryAudit audit, AvailabilityService availability, WorkingCalendar calendar,
    IOptions<PeriodOptions> periods) : IReplyHandler
{
    public const string Prefix = "nhac:";
    public const string Action = "summary.remind";
    private const string NotReachable = "not-reachable";
    private const string Away = "away";

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

        if (await availability.IsAwayAsync(person.Id, calendar.Today(turn.Now), ct))
        {
            await audit.WriteAsync(turn.Db, viewer.Code, Action, code, Away, ct);
            turn.Say(turn.T("summary.remind.away", ("name", person.FullName)));
            return true;
        }

        // Without any linked account the outbox could only give up; say so now rather than queue a message for nobody.
        if (!await turn.Db.ChannelAccounts.AnyAsync(a => a.StaffId == person.Id, ct))
        {
            await audit.WriteAsync(turn.Db, viewer.Code, Action, code, NotReachable, ct);
            turn.Say(turn.T("summary.remind.unreachable", ("name", person.FullName)));
            return true;
        }

        var language = person.Language;
        var closes = turn.Local(open.ClosesAt.AddSeconds(-1), periods.Value.TimeZone);
        var reminder = new OutgoingMessage(turn.Texts.Get(language, "summary.remind.message",
            ("month", DisplayFormat.Month(open.Month)), ("deadline", DisplayFormat.Date(closes)), ("sender", viewer.FullName)))
        {
            Choices = [new Choice("cmd:assess", turn.Texts.Get(language, "menu.assess"), 1)],
        };
        sender.Enqueue(turn.Db, person.Id, reminder, Action, code);
        audit.Stage(turn.Db, viewer.Code, Action, code, SummaryAudit.Allowed);
        turn.Say(turn.T("summary.remind.sent", ("name", person.FullName)));
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
