using AnBien.Bot.Conversations;
using AnBien.Bot.Schedule;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Announcements;

/// <summary>
/// Answers to what the bot pushed: the "Đã đọc" button of an announcement (recorded once however often it is pressed)
/// (or typed: "da doc"), and a reminder's "nhắc lại sau" or "tôi nghỉ phép đến 15/12" in any spelling (<see cref="AvailabilityParser"/>).
/// </summary>
public sealed class AnnouncementReplyHandler(AnnouncementService announcements, AvailabilityService availability, WorkingCalendar calendar) : IReplyHandler
{
    private const string AckPrefix = "ack:";

    // A reminder reply is a short sentence; a longer text (a note inside the self-assessment that mentions leave) is
    // left to the dialog that asked for it.
    private const int MaxReplyWords = 10;

    public async Task<bool> TryHandleAsync(TurnContext turn, CancellationToken ct)
    {
        if (turn.Staff is not { } staff) return false;
        var input = turn.Input?.Trim();
        if (string.IsNullOrEmpty(input)) return false;

        if (input.StartsWith(AckPrefix, StringComparison.Ordinal))
        {
            await AcknowledgeAsync(turn, staff.Id, input[AckPrefix.Length..], ct);
            return true;
        }

        if (TextNormalizer.Fold(input) == TextNormalizer.Fold(turn.T("announce.ack")))
        {
            var acknowledged = await announcements.AcknowledgeLatestAsync(staff.Id, ct);
            turn.Say(turn.T(acknowledged is null ? "announce.ack.latest.none" : "announce.ack.thanks"));
            return true;
        }

        if (input.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxReplyWords) return false;
        if (AvailabilityParser.Parse(input, turn.Now, calendar.Zone) is not { } request) return false;
        await availability.RecordAsync(staff.Id, request, ct);
        turn.Say(request.LeaveUntil is { } through
            ? turn.T("reminder.leave.recorded", ("date", DisplayFormat.Date(through)))
            : turn.T("reminder.snoozed", ("date", DisplayFormat.Date(calendar.Today(request.SnoozeUntil!.Value)))));
        return true;
    }

    private async Task AcknowledgeAsync(TurnContext turn, int staffId, string idText, CancellationToken ct)
    {
        if (long.TryParse(idText, out var id) && await announcements.AcknowledgeAsync(id, staffId, ct))
        {
            turn.Say(turn.T("announce.ack.thanks"));
            return;
        }

        var known = id > 0 && await turn.Db.AnnouncementDeliveries.AnyAsync(d => d.AnnouncementId == id && d.StaffId == staffId, ct);
        turn.Say(turn.T(known ? "announce.ack.again" : "announce.ack.unknown"));
    }
}
