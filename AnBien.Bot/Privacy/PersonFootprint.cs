using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Channels.WebChat;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Privacy;

/// <summary>
/// Where one person appears in the database: their staff row, their chat accounts, and the conversations those accounts
/// hold on each channel. Export and removal both start from it, so what is exported is exactly what is removed.
/// Only personal conversations count: a group chat is not one person's data.
/// </summary>
public sealed record PersonFootprint(
    Staff Staff,
    IReadOnlyList<ChannelAccount> Accounts,
    IReadOnlyList<(string Channel, string ConversationId)> Conversations)
{
    public IReadOnlyList<string> UserIds(string channel) =>
        Accounts.Where(a => a.Channel == channel).Select(a => a.ChannelUserId).ToList();

    public IReadOnlyList<string> ConversationIds(string channel) =>
        Conversations.Where(c => c.Channel == channel).Select(c => c.ConversationId).ToList();

    /// <summary>Null when no staff record has <paramref name="staffCode"/>.</summary>
    public static async Task<PersonFootprint?> FindAsync(BotDbContext db, string staffCode, CancellationToken ct)
    {
        var staff = await db.Staff.Include(s => s.Unit).SingleOrDefaultAsync(s => s.Code == staffCode, ct);
        return staff is null ? null : await OfAsync(db, staff, ct);
    }

    public static async Task<PersonFootprint> OfAsync(BotDbContext db, Staff staff, CancellationToken ct)
    {
        var accounts = await db.ChannelAccounts.Where(a => a.StaffId == staff.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var conversations = new HashSet<(string, string)>();
        foreach (var account in accounts)
        {
            // Zalo has one conversation per user, keyed by the user id (ZaloEventHandler).
            if (account.Channel == ZaloEventHandler.Channel) conversations.Add((account.Channel, account.ChannelUserId));
            if (ConversationReference.Parse(account.ConversationReference) is { } reference)
            {
                conversations.Add((account.Channel, reference.ConversationId));
            }
        }

        var webChatUsers = accounts.Where(a => a.Channel == WebChatRelay.Channel).Select(a => a.ChannelUserId).ToList();
        foreach (var id in await db.WebChatConversations.Where(c => webChatUsers.Contains(c.UserId)).Select(c => c.Id).ToListAsync(ct))
        {
            conversations.Add((WebChatRelay.Channel, id));
        }

        // A Teams user id is only ever that person's; TeamsConversations holds the personal chats the bot was installed in.
        var botFrameworkUsers = accounts.Where(a => a.Channel != WebChatRelay.Channel && a.Channel != ZaloEventHandler.Channel)
            .Select(a => a.ChannelUserId).ToList();
        foreach (var id in await db.TeamsConversations.Where(c => botFrameworkUsers.Contains(c.UserId)).Select(c => c.ConversationId).ToListAsync(ct))
        {
            conversations.Add((Channels.Teams.TeamsSender.ChannelId, id));
        }

        return new PersonFootprint(staff, accounts, conversations.OrderBy(c => c.Item1).ThenBy(c => c.Item2).ToList());
    }
}
