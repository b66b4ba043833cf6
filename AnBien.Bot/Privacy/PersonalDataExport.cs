using System.Text.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.WebChat;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Privacy;

/// <summary>
/// Everything stored about one person, for a request to access their data (Law 91/2025/QH15): one section per kind of
/// record, each a list of flat rows so the same document serves as JSON and as a workbook. A new kind of record (the
/// audit log, announcements read…) is one more method and one more line in <see cref="Sections"/>.
/// Nothing about anyone else is included, which is why some things are deliberately left out:
/// the bot's replies (a unit head's chat names the people of the unit), the unit head who approved a link, who issued
/// an activation code, and good deeds written by others that mention the person (a name is not an identity: many
/// people share one, so matching text would hand one person's words to another).
/// </summary>
public sealed class PersonalDataExport(TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How the document is written out: indented, Vietnamese letters as they are.</summary>
    public static JsonSerializerOptions Indented { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private delegate Task<IEnumerable<object>> Section(BotDbContext db, PersonFootprint person, CancellationToken ct);

    private static IReadOnlyList<(string Name, Section Read)> Sections { get; } =
    [
        ("staff", StaffAsync),
        ("consents", ConsentsAsync),
        ("channelAccounts", ChannelAccountsAsync),
        ("activationCodes", ActivationCodesAsync),
        ("assessments", AssessmentsAsync),
        ("answers", AnswersAsync),
        ("notes", NotesAsync),
        ("conversations", ConversationsAsync),
        ("webChatMessages", WebChatMessagesAsync),
        ("teamsConversations", TeamsConversationsAsync),
        ("zaloUsers", ZaloUsersAsync),
        ("zaloInbox", ZaloInboxAsync),
        ("zaloLinkRequests", ZaloLinkRequestsAsync),
    ];

    /// <summary>The section names in order (the workbook's sheets).</summary>
    public static IEnumerable<string> SectionNames => Sections.Select(s => s.Name);

    /// <summary>Null when no staff record has <paramref name="staffCode"/>.</summary>
    public async Task<JsonObject?> ExportAsync(BotDbContext db, string staffCode, CancellationToken ct) =>
        await PersonFootprint.FindAsync(db, staffCode, ct) is { } person ? await ExportAsync(db, person, ct) : null;

    public async Task<JsonObject?> ExportAsync(BotDbContext db, int staffId, CancellationToken ct)
    {
        var staff = await db.Staff.Include(s => s.Unit).SingleOrDefaultAsync(s => s.Id == staffId, ct);
        return staff is null ? null : await ExportAsync(db, await PersonFootprint.OfAsync(db, staff, ct), ct);
    }

    public async Task<JsonObject> ExportAsync(BotDbContext db, PersonFootprint person, CancellationToken ct)
    {
        var document = new JsonObject { ["exportedAt"] = clock.GetUtcNow() };
        foreach (var (name, read) in Sections)
        {
            document[name] = JsonSerializer.SerializeToNode(await read(db, person, ct), Json);
        }

        return document;
    }

    private static Task<IEnumerable<object>> StaffAsync(BotDbContext db, PersonFootprint person, CancellationToken ct)
    {
        var s = person.Staff;
        object row = new
        {
            s.Code, s.FullName, Unit = s.Unit?.Code, UnitName = s.Unit?.Name, s.Title, Roles = s.Roles.ToString(), s.Email, s.Phone,
            s.TeamsObjectId, s.Active, s.Language,
        };
        return Task.FromResult<IEnumerable<object>>([row]);
    }

    private static async Task<IEnumerable<object>> ConsentsAsync(BotDbContext db, PersonFootprint person, CancellationToken ct) =>
        await db.Consents.AsNoTracking().Where(c => c.StaffId == person.Staff.Id).OrderBy(c => c.Id)
            .Select(c => new { c.NoticeVersion, c.Channel, c.Agreed, c.DecidedAt }).ToListAsync(ct);

    private static Task<IEnumerable<object>> ChannelAccountsAsync(BotDbContext db, PersonFootprint person, CancellationToken ct) =>
        Task.FromResult<IEnumerable<object>>(person.Accounts.Select(a => new
        {
            a.Channel, a.ChannelUserId, a.LinkedAt, a.LinkedBy, a.ConversationReference, a.LastInteractionAt, a.UnreachableSince,
        }).ToList());

    private static async Task<IEnumerable<object>> ActivationCodesAsync(BotDbContext db, PersonFootprint person, CancellationToken ct) =>
        await db.ActivationCodes.AsNoTracking().Where(c => c.StaffId == person.Staff.Id).OrderBy(c => c.Id)
            .Select(c => new { c.IssuedAt, c.ExpiresAt, c.UsedAt }).ToListAsync(ct);

    private static async Task<IEnumerable<object>> AssessmentsAsync(BotDbContext db, PersonFootprint person, CancellationToken ct) =>
        await db.Assessments.AsNoTracking().Where(a => a.StaffId == person.Staff.Id).OrderBy(a => a.Period!.Month)
            .Select(a => new
            {
                Period = a.Period!.Month,
                Unit = db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Code).FirstOrDefault(),
                Status = a.Status.ToString(), a.StartedAt, a.UpdatedAt, a.SubmittedAt, a.TotalPoints, a.MaxPoints,
                a.ProposedClassification, a.GoodDeed,
            })
            .ToListAsync(ct);

    private static async Task<IEnumerable<object>> AnswersAsync(BotDbContext db, PersonFootprint person, CancellationToken ct) =>
        (await AssessedAsync(db, person, ct))
            .SelectMany(a => a.Answers.OrderBy(x => x.ItemCode).Select(x => new { Period = a.Period!.Month, x.ItemCode, x.ChoiceCode, x.Points, x.AnsweredAt }))
            .ToList();

    private static async Task<IEnumerable<object>> NotesAsync(BotDbContext db, PersonFootprint person, CancellationToken ct) =>
        (await AssessedAsync(db, person, ct))
            .SelectMany(a => a.Notes.OrderBy(n => n.GroupCode).Select(n => new { Period = a.Period!.Month, n.GroupCode, n.Text }))
            .ToList();

    private static async Task<List<Storage.Assessment>> AssessedAsync(BotDbContext db, PersonFootprint person, CancellationToken ct) =>
        (await db.Assessments.AsNoTracking().AsSplitQuery().Where(a => a.StaffId == person.Staff.Id)
            .Include(a => a.Period).Include(a => a.Answers).Include(a => a.Notes)
            .ToListAsync(ct)).OrderBy(a => a.Period!.Month).ToList();

    private static async Task<IEnumerable<object>> ConversationsAsync(BotDbContext db, PersonFootprint person, CancellationToken ct)
    {
        var rows = new List<object>();
        foreach (var (channel, id) in person.Conversations)
        {
            var record = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Channel == channel && c.ConversationId == id, ct);
            if (record is not null) rows.Add(new { record.Channel, record.ConversationId, State = record.StateJson, record.UpdatedAt });
        }

        return rows;
    }

    /// <summary>What the person typed or pressed on the web chat; the bot's side is left out (see the class summary).</summary>
    private static async Task<IEnumerable<object>> WebChatMessagesAsync(BotDbContext db, PersonFootprint person, CancellationToken ct)
    {
        var conversations = person.ConversationIds(WebChatRelay.Channel);
        var users = person.UserIds(WebChatRelay.Channel).ToHashSet();
        var activities = await db.WebChatActivities.AsNoTracking().Where(a => conversations.Contains(a.ConversationId))
            .OrderBy(a => a.ConversationId).ThenBy(a => a.Sequence).ToListAsync(ct);
        var rows = new List<object>();
        foreach (var activity in activities)
        {
            var node = JsonNode.Parse(activity.Json);
            if (node?["from"]?["id"]?.GetValue<string>() is not { } from || !users.Contains(from)) continue;
            rows.Add(new { activity.ConversationId, activity.CreatedAt, Text = node["text"]?.ToString(), Value = node["value"]?.ToJsonString() });
        }

        return rows;
    }

    private static async Task<IEnumerable<object>> TeamsConversationsAsync(BotDbContext db, PersonFootprint person, CancellationToken ct)
    {
        var ids = person.ConversationIds(Channels.Teams.TeamsSender.ChannelId);
        return await db.TeamsConversations.AsNoTracking().Where(c => ids.Contains(c.ConversationId)).OrderBy(c => c.Id)
            .Select(c => new { c.ConversationId, c.UserId, c.TenantId, c.InstalledAt, c.RemovedAt, c.WelcomedAt, c.UpdatedAt })
            .ToListAsync(ct);
    }

    private static async Task<IEnumerable<object>> ZaloUsersAsync(BotDbContext db, PersonFootprint person, CancellationToken ct)
    {
        var ids = person.UserIds(ZaloEventHandler.Channel);
        return await db.ZaloUsers.AsNoTracking().Where(u => ids.Contains(u.UserId)).OrderBy(u => u.UserId)
            .Select(u => new { u.UserId, u.LastInteractionAt, u.FollowedAt, u.UnfollowedAt, u.PhoneRequestedAt }).ToListAsync(ct);
    }

    private static async Task<IEnumerable<object>> ZaloInboxAsync(BotDbContext db, PersonFootprint person, CancellationToken ct)
    {
        var ids = person.UserIds(ZaloEventHandler.Channel);
        return await db.ZaloInbox.AsNoTracking().Where(e => e.UserId != null && ids.Contains(e.UserId)).OrderBy(e => e.Id)
            .Select(e => new { e.EventName, e.ReceivedAt, e.ProcessedAt, e.Body }).ToListAsync(ct);
    }

    /// <summary>Requests to link this person; requests they approved as a unit head are about someone else.</summary>
    private static async Task<IEnumerable<object>> ZaloLinkRequestsAsync(BotDbContext db, PersonFootprint person, CancellationToken ct) =>
        await db.ZaloLinkRequests.AsNoTracking().Where(r => r.StaffId == person.Staff.Id).OrderBy(r => r.Id)
            .Select(r => new { r.ZaloUserId, r.RequestedAt, r.ExpiresAt, r.DecidedAt, r.Approved }).ToListAsync(ct);
}
