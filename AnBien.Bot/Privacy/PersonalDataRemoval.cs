using System.Security.Cryptography;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Privacy;

/// <summary>
/// Anonymisation and erasure of one person on request (or by retention). Both keep the person's assessments with their
/// unit, period and scores, so the summaries of past periods give the same figures afterwards.
/// <list type="bullet">
/// <item>Anonymise replaces the identity (code, name, title, contacts, chat ids) by a pseudonym and keeps the record,
/// notes and good deeds included. The chat side (conversation state, chat logs, Zalo events) goes: it repeats the name
/// and the chat ids.</item>
/// <item>Erase does the same and also deletes the free text (notes, good deeds), every link (chat accounts, activation
/// codes, consents, link requests): what is left is scored answers under a pseudonym nobody can trace back.</item>
/// </list>
/// Each runs as one SaveChanges: all of it or nothing.
/// </summary>
public sealed partial class PersonalDataRemoval(ILogger<PersonalDataRemoval> logger)
{
    public const string PseudonymPrefix = "AN-";

    /// <summary>Returns the pseudonym the person now has.</summary>
    public async Task<string> AnonymiseAsync(BotDbContext db, PersonFootprint person, CancellationToken ct)
    {
        var pseudonym = await ReplaceIdentityAsync(db, person, ct);
        for (var i = 0; i < person.Accounts.Count; i++)
        {
            // Unique per channel, and meaningless: the chat account can no longer be found from the chat.
            person.Accounts[i].ChannelUserId = $"{pseudonym}-{i + 1}";
            person.Accounts[i].ConversationReference = null;
        }

        await db.SaveChangesAsync(ct);
        LogAnonymised(logger, person.Staff.Id);
        return pseudonym;
    }

    /// <summary>Returns the pseudonym left on the scored answers.</summary>
    public async Task<string> EraseAsync(BotDbContext db, PersonFootprint person, CancellationToken ct)
    {
        var pseudonym = await ReplaceIdentityAsync(db, person, ct);
        var staffId = person.Staff.Id;
        var assessments = await db.Assessments.Include(a => a.Notes).Where(a => a.StaffId == staffId).ToListAsync(ct);
        foreach (var assessment in assessments)
        {
            assessment.GoodDeed = null;
            db.GroupNotes.RemoveRange(assessment.Notes);
        }

        db.ChannelAccounts.RemoveRange(person.Accounts);
        db.ActivationCodes.RemoveRange(await db.ActivationCodes.Where(c => c.StaffId == staffId).ToListAsync(ct));
        db.Consents.RemoveRange(await db.Consents.Where(c => c.StaffId == staffId).ToListAsync(ct));
        db.ZaloLinkRequests.RemoveRange(await db.ZaloLinkRequests.Where(r => r.StaffId == staffId).ToListAsync(ct));
        foreach (var request in await db.ZaloLinkRequests.Where(r => r.ApproverStaffId == staffId).ToListAsync(ct))
        {
            request.ApproverStaffId = null;
        }

        await db.SaveChangesAsync(ct);
        LogErased(logger, staffId);
        return pseudonym;
    }

    /// <summary>Pseudonymises the staff row and drops the chat side; the caller decides what else goes, then saves.</summary>
    private async Task<string> ReplaceIdentityAsync(BotDbContext db, PersonFootprint person, CancellationToken ct)
    {
        var pseudonym = PseudonymPrefix + RandomNumberGenerator.GetHexString(10);
        var staff = person.Staff;
        staff.Code = pseudonym;
        staff.FullName = pseudonym;
        staff.Title = null;
        staff.Email = null;
        staff.Phone = null;
        staff.TeamsObjectId = null;
        // A unit head role would point at one person of the unit; a pseudonym does not work here any more either.
        staff.Roles = StaffRoles.Staff;
        staff.Active = false;

        foreach (var (channel, id) in person.Conversations)
        {
            db.Conversations.RemoveRange(await db.Conversations.Where(c => c.Channel == channel && c.ConversationId == id).ToListAsync(ct));
        }

        var webChats = person.ConversationIds(Channels.WebChat.WebChatRelay.Channel);
        db.WebChatActivities.RemoveRange(await db.WebChatActivities.Where(a => webChats.Contains(a.ConversationId)).ToListAsync(ct));
        db.WebChatConversations.RemoveRange(await db.WebChatConversations.Where(c => webChats.Contains(c.Id)).ToListAsync(ct));
        var teamsChats = person.ConversationIds(Channels.Teams.TeamsSender.ChannelId);
        db.TeamsConversations.RemoveRange(await db.TeamsConversations.Where(c => teamsChats.Contains(c.ConversationId)).ToListAsync(ct));

        var zaloUsers = person.UserIds(ZaloEventHandler.Channel);
        db.ZaloUsers.RemoveRange(await db.ZaloUsers.Where(u => zaloUsers.Contains(u.UserId)).ToListAsync(ct));
        db.ZaloInbox.RemoveRange(await db.ZaloInbox.Where(e => e.UserId != null && zaloUsers.Contains(e.UserId)).ToListAsync(ct));
        foreach (var request in await db.ZaloLinkRequests.Where(r => zaloUsers.Contains(r.ZaloUserId)).ToListAsync(ct))
        {
            request.ZaloUserId = pseudonym;
        }

        return pseudonym;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff record {StaffId} anonymised on request")]
    private static partial void LogAnonymised(ILogger logger, int staffId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff record {StaffId} erased on request (scored answers kept under a pseudonym)")]
    private static partial void LogErased(ILogger logger, int staffId);
}
