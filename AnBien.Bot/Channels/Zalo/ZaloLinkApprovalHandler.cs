using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Dialogs;
using AnBien.Bot.Directory;
using AnBien.Bot.Privacy;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// A unit head's answer to "… xin liên kết tài khoản Zalo", on whichever channel they use. The link and the message
/// telling the Zalo user are written in the head's turn (the message as an outbox row), so both commit together and
/// the outbox delivers the message even after a crash. Someone who has not agreed to the privacy notice is not linked
/// yet: the confirmation makes their Zalo account a verified identity, and the linking dialog asks them (README "Dữ liệu cá nhân").
/// </summary>
public sealed partial class ZaloLinkApprovalHandler(
    ZaloPhoneLinking linking,
    OutboxQueue outbox,
    ConsentService consent,
    ILogger<ZaloLinkApprovalHandler> logger) : IReplyHandler
{
    public async Task<bool> TryHandleAsync(TurnContext turn, CancellationToken ct)
    {
        if (turn.Staff is not { } head || (head.Roles & StaffRoles.UnitHead) == 0) return false;
        var input = turn.Input?.Trim();
        if (string.IsNullOrEmpty(input)) return false;

        long? id = null;
        bool approve;
        if (input.StartsWith(ZaloPhoneLinking.ApprovePrefix, StringComparison.Ordinal) || input.StartsWith(ZaloPhoneLinking.RejectPrefix, StringComparison.Ordinal))
        {
            approve = input.StartsWith(ZaloPhoneLinking.ApprovePrefix, StringComparison.Ordinal);
            id = long.TryParse(input[(input.LastIndexOf(':') + 1)..], out var parsed) ? parsed : -1;
        }
        else
        {
            var folded = TextNormalizer.Fold(input);
            if (folded == TextNormalizer.Fold(turn.T("zalo.link.confirm"))) approve = true;
            else if (folded == TextNormalizer.Fold(turn.T("zalo.link.reject"))) approve = false;
            else return false;
        }

        var pending = turn.Db.ZaloLinkRequests.Include(r => r.Staff).ThenInclude(s => s!.Unit)
            .Where(r => r.ApproverStaffId == head.Id && r.DecidedAt == null && r.ExpiresAt > turn.Now);
        var request = id is { } requestId
            ? await pending.SingleOrDefaultAsync(r => r.Id == requestId, ct)
            : await pending.OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        if (request is null)
        {
            if (id is null) return false;
            turn.Say(turn.T("zalo.link.expired"));
            return true;
        }

        await DecideAsync(turn, request, approve, ct);

        var next = await pending.Where(r => r.Id != request.Id).OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        if (next is not null) turn.Send(linking.Question(turn.Language, next));
        return true;
    }

    private async Task DecideAsync(TurnContext turn, ZaloLinkRequest request, bool approve, CancellationToken ct)
    {
        var staff = request.Staff!;
        request.DecidedAt = turn.Now;
        request.Approved = approve;
        var db = turn.Db;
        var existing = await db.ChannelAccounts.AnyAsync(a => a.Channel == ZaloEventHandler.Channel && a.ChannelUserId == request.ZaloUserId, ct);
        var agreed = await consent.HasAgreedAsync(db, staff.Id, ct);
        if (approve && !existing && agreed)
        {
            var lastSeen = await db.ZaloUsers.Where(u => u.UserId == request.ZaloUserId).Select(u => u.LastInteractionAt).SingleOrDefaultAsync(ct);
            db.ChannelAccounts.Add(new ChannelAccount
            {
                Channel = ZaloEventHandler.Channel,
                ChannelUserId = request.ZaloUserId,
                StaffId = staff.Id,
                LinkedAt = turn.Now,
                LinkedBy = LinkingService.ZaloPhoneConfirmed,
                LastInteractionAt = lastSeen,
            });
        }

        var toUser = !approve ? new OutgoingMessage(turn.Texts.Get(staff.Language, "zalo.link.rejected.user"))
            : agreed || existing ? new OutgoingMessage(turn.Texts.Get(staff.Language, "zalo.link.approved.user", ("name", staff.FullName)))
            : new OutgoingMessage(turn.Texts.Get(staff.Language, "zalo.link.approved.consent", ("name", staff.FullName)))
            {
                Choices = [new Choice(AccountLinkingDialog.ReviewCommand, turn.Texts.Get(staff.Language, "consent.review"), 1)],
            };
        outbox.Stage(db, ZaloReplyRoute.To(request.ZaloUserId), [toUser]); // sent after the turn, with its replies
        turn.Say(turn.T(approve ? "zalo.link.approved.head" : "zalo.link.rejected.head", ("name", staff.FullName)));
        LogDecided(logger, request.Id, approve);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo link request {RequestId} decided by the unit head (approved: {Approved})")]
    private static partial void LogDecided(ILogger logger, long requestId, bool approved);
}
