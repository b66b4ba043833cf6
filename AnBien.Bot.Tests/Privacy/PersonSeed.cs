using AnBien.Bot.Channels.Teams;
using AnBien.Bot.Channels.WebChat;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Privacy;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Privacy;

/// <summary>
/// Gives a staff member of the demo directory a trace in every table that can hold personal data. Every free text and
/// chat id carries <c>marker</c>, so a test can tell whose data ended up where.
/// </summary>
internal static class PersonSeed
{
    public static async Task<Period> PeriodAsync(BotDbContext db, string month, DateTimeOffset closes)
    {
        if (await db.Periods.SingleOrDefaultAsync(p => p.Month == month) is { } existing) return existing;
        var period = new Period { Month = month, OpensAt = closes.AddDays(-10), ClosesAt = closes, ClosedAt = closes, CatalogueId = "kh-118-2019", CatalogueVersion = "test" };
        db.Periods.Add(period);
        await db.SaveChangesAsync();
        return period;
    }

    /// <summary>A submitted assessment with two answers, a note and a good deed.</summary>
    public static async Task<AnBien.Bot.Storage.Assessment> AssessmentAsync(BotDbContext db, Staff staff, Period period, int first, int second, string marker)
    {
        var at = period.ClosesAt.AddDays(-1);
        var assessment = new AnBien.Bot.Storage.Assessment
        {
            StaffId = staff.Id, PeriodId = period.Id, UnitId = staff.UnitId, Status = AssessmentStatus.Submitted,
            StartedAt = at, UpdatedAt = at, SubmittedAt = at, Step = "done", TotalPoints = first + second, MaxPoints = 4,
            GoodDeed = $"good deed of {marker}",
            Answers =
            [
                new Answer { ItemCode = "CN-A-1", ChoiceCode = "c" + first, Points = first, AnsweredAt = at },
                new Answer { ItemCode = "CN-A-2", ChoiceCode = "c" + second, Points = second, AnsweredAt = at },
            ],
            Notes = [new GroupNote { GroupCode = "A", Text = $"note of {marker}" }],
        };
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync();
        return assessment;
    }

    /// <summary>Chat accounts on web chat, Zalo and Teams with their conversations, logs and events, a code and a consent.</summary>
    public static async Task ChatsAsync(BotDbContext db, Staff staff, string marker, DateTimeOffset at, string? namedInBotReply = null)
    {
        var web = $"web-{marker}";
        var zalo = $"zalo-{marker}";
        var teams = $"29:teams-{marker}";
        db.ChannelAccounts.AddRange(
            new ChannelAccount { Channel = WebChatRelay.Channel, ChannelUserId = web, StaffId = staff.Id, LinkedAt = at, LinkedBy = "activation-code", LastInteractionAt = at },
            new ChannelAccount { Channel = ZaloEventHandler.Channel, ChannelUserId = zalo, StaffId = staff.Id, LinkedAt = at, LinkedBy = "zalo-phone-confirmed", LastInteractionAt = at },
            new ChannelAccount
            {
                Channel = TeamsSender.ChannelId, ChannelUserId = teams, StaffId = staff.Id, LinkedAt = at, LinkedBy = "aad-object-id", LastInteractionAt = at,
                ConversationReference = $$"""{"channelId":"msteams","serviceUrl":"https://smba.test/","conversationId":"a:teams-chat-{{marker}}","userId":"{{teams}}"}""",
            });
        db.WebChatConversations.Add(new WebChatConversation { Id = $"dl-{marker}", UserId = web, StartedAt = at });
        db.WebChatActivities.AddRange(
            new WebChatActivity { ConversationId = $"dl-{marker}", Sequence = 1, CreatedAt = at, Json = $$"""{"type":"message","from":{"id":"{{web}}","role":"user"},"text":"web message of {{marker}}"}""" },
            new WebChatActivity { ConversationId = $"dl-{marker}", Sequence = 2, CreatedAt = at, Json = $$"""{"type":"message","from":{"id":"bot","role":"bot"},"text":"Reply to {{marker}} about {{namedInBotReply ?? "nobody"}}"}""" });
        db.Conversations.AddRange(
            new ConversationRecord { Channel = WebChatRelay.Channel, ConversationId = $"dl-{marker}", StateJson = "{}", UpdatedAt = at },
            new ConversationRecord { Channel = ZaloEventHandler.Channel, ConversationId = zalo, StateJson = "{}", UpdatedAt = at },
            new ConversationRecord { Channel = TeamsSender.ChannelId, ConversationId = $"a:teams-chat-{marker}", StateJson = "{}", UpdatedAt = at });
        db.TeamsConversations.Add(new TeamsConversation { ConversationId = $"a:teams-chat-{marker}", UserId = teams, InstalledAt = at, UpdatedAt = at, LastCardJson = $"card for {marker}" });
        db.ZaloUsers.Add(new ZaloUser { UserId = zalo, LastInteractionAt = at, FollowedAt = at });
        db.ZaloInbox.Add(new ZaloInboxEvent
        {
            DedupeKey = $"dedupe-{marker}", EventName = "user_send_text", UserId = zalo, ReceivedAt = at, ProcessedAt = at,
            Body = $$$"""{"event_name":"user_send_text","sender":{"id":"{{{zalo}}}"},"message":{"text":"zalo message of {{{marker}}}"}}""",
        });
        db.ZaloLinkRequests.Add(new ZaloLinkRequest { ZaloUserId = zalo, StaffId = staff.Id, RequestedAt = at, ExpiresAt = at.AddDays(2), DecidedAt = at, Approved = true });
        db.ActivationCodes.Add(new ActivationCode { StaffId = staff.Id, CodeHash = $"hash-{marker}", IssuedAt = at, IssuedBy = "cli", ExpiresAt = at.AddDays(7), UsedAt = at });
        db.Consents.Add(new Consent { StaffId = staff.Id, NoticeVersion = "2026-12", Channel = WebChatRelay.Channel, Agreed = true, DecidedAt = at });
        await db.SaveChangesAsync();
    }
}
