using System.Text.Json.Nodes;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Linking by shared phone. Zalo lets the user edit the values before submitting (docs/protocols/zalo.md §4), so a phone
/// matching a staff record is only a hint: the unit head of that person is asked in chat, and the link is made only
/// when they confirm (<see cref="ZaloLinkApprovalHandler"/>). The activation code keeps working as on every channel.
/// </summary>
public sealed partial class ZaloPhoneLinking(
    BotDbContextFactory databases,
    ProactiveSender proactive,
    ZaloMessageRenderer renderer,
    TextCatalog texts,
    TimeProvider clock,
    ILogger<ZaloPhoneLinking> logger)
{
    public const string ApprovePrefix = "zalolink:approve:";
    public const string RejectPrefix = "zalolink:reject:";
    private static readonly TimeSpan RequestLifetime = TimeSpan.FromDays(7);

    public async Task<IReadOnlyList<JsonObject>> HandleSharedPhoneAsync(string userId, string? phone, CancellationToken ct)
    {
        const string vi = TextCatalog.Vietnamese;
        await using var db = databases.Create();
        var linked = await db.ChannelAccounts.AsNoTracking().Include(a => a.Staff)
            .SingleOrDefaultAsync(a => a.Channel == ZaloEventHandler.Channel && a.ChannelUserId == userId, ct);
        if (linked?.Staff is { } already) return Say(userId, texts.Get(already.Language, "zalo.phone.alreadyLinked", ("name", already.FullName)));
        if (LocalForm(phone) is not { } local) return Say(userId, texts.Get(vi, "zalo.phone.missing"));

        var forms = new[] { local, "84" + local[1..], "+84" + local[1..] };
        var matches = await db.Staff.Include(s => s.Unit).Where(s => s.Active && s.Phone != null && forms.Contains(s.Phone)).Take(2).ToListAsync(ct);
        if (matches.Count != 1)
        {
            LogPhoneUnmatched(logger, matches.Count);
            return Say(userId, texts.Get(vi, "zalo.phone.noMatch"));
        }

        var staff = matches[0];
        var now = clock.GetUtcNow();
        if (await db.ZaloLinkRequests.AnyAsync(r => r.ZaloUserId == userId && r.StaffId == staff.Id && r.DecidedAt == null && r.ApproverStaffId != null && r.ExpiresAt > now, ct))
        {
            return Say(userId, texts.Get(vi, "zalo.phone.pending"));
        }

        var request = new ZaloLinkRequest { ZaloUserId = userId, StaffId = staff.Id, Staff = staff, RequestedAt = now, ExpiresAt = now + RequestLifetime };
        db.ZaloLinkRequests.Add(request);
        await db.SaveChangesAsync(ct);

        foreach (var approver in await ApproversAsync(db, staff, ct))
        {
            var results = await proactive.SendToStaffAsync(approver.Id, Question(approver.Language, request), ct);
            if (results.Any(r => r.Status == DeliveryStatus.Sent))
            {
                request.ApproverStaffId = approver.Id;
                await db.SaveChangesAsync(ct);
                LogAsked(logger, request.Id);
                return Say(userId, texts.Get(vi, "zalo.phone.asked"));
            }
        }

        db.ZaloLinkRequests.Remove(request);
        await db.SaveChangesAsync(ct);
        LogNoApprover(logger, staff.UnitId);
        return Say(userId, texts.Get(vi, "zalo.phone.noApprover"));
    }

    /// <summary>"… xin liên kết tài khoản Zalo: Xác nhận / Từ chối". Buttons carry the request id; typed words decide the oldest request.</summary>
    public OutgoingMessage Question(string language, ZaloLinkRequest request)
    {
        var staff = request.Staff!;
        var phone = staff.Phone is { Length: >= 4 } p ? p[^4..] : "";
        return new OutgoingMessage(texts.Get(language, "zalo.link.ask", ("name", staff.FullName), ("unit", staff.Unit?.Name), ("phone", phone)))
        {
            Choices =
            [
                new Choice(ApprovePrefix + request.Id, texts.Get(language, "zalo.link.confirm")),
                new Choice(RejectPrefix + request.Id, texts.Get(language, "zalo.link.reject")),
            ],
            ChoicesHint = texts.Get(language, "zalo.link.hint"),
        };
    }

    /// <summary>The heads of the person's unit, else of the unit above (a head asking for themself goes up a level).</summary>
    private static async Task<List<Staff>> ApproversAsync(BotDbContext db, Staff staff, CancellationToken ct)
    {
        int? unitId = staff.UnitId;
        for (var level = 0; level < 2 && unitId is { } id; level++)
        {
            var heads = await db.Staff.AsNoTracking()
                .Where(s => s.Active && s.UnitId == id && s.Id != staff.Id && (s.Roles & StaffRoles.UnitHead) != 0)
                .OrderBy(s => s.Id).ToListAsync(ct);
            if (heads.Count > 0) return heads;
            unitId = await db.Units.Where(u => u.Id == id).Select(u => u.ParentId).SingleOrDefaultAsync(ct);
        }

        return [];
    }

    /// <summary>Vietnamese mobile numbers as stored in the directory: 0xxxxxxxxx (Zalo sends 84xxxxxxxxx, docs/protocols/zalo.md §2.5).</summary>
    public static string? LocalForm(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsDigit).ToArray());
        if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length >= 11) digits = "0" + digits[2..];
        return digits.Length is >= 9 and <= 11 && digits[0] == '0' ? digits : null;
    }

    private IReadOnlyList<JsonObject> Say(string userId, string text) => renderer.Render(userId, new OutgoingMessage(text));

    [LoggerMessage(Level = LogLevel.Information, Message = "Shared Zalo phone matched {Count} staff records; no link proposed")]
    private static partial void LogPhoneUnmatched(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo link request {RequestId} sent to a unit head for confirmation")]
    private static partial void LogAsked(ILogger logger, long requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No unit head of unit {UnitId} could be reached to confirm a Zalo link")]
    private static partial void LogNoApprover(ILogger logger, int unitId);
}
