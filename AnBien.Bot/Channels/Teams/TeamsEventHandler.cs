using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations;
using AnBien.Bot.Dialogs;
using AnBien.Bot.Directory;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// Installation events (docs/protocols/botframework.md §4): on install (conversationUpdate with the bot in membersAdded, or
/// installationUpdate "add") the conversation is recorded, the person linked when the directory knows them and
/// welcomed once; on uninstall the person is marked unreachable in Teams so proactive sends report it.
/// </summary>
public sealed partial class TeamsEventHandler(
    BotDbContextFactory databases,
    LinkingService linking,
    TeamsIdentityResolver identities,
    ConnectorClient connector,
    TeamsCardTracker cards,
    TextCatalog texts,
    TimeProvider clock,
    ILogger<TeamsEventHandler> logger)
{
    public async Task HandleAsync(Activity activity, BotCaller caller, CancellationToken ct)
    {
        var botId = activity.Recipient?.Id;
        var installUpdate = activity.Type == "installationUpdate";
        var added = installUpdate ? activity.Action is "add" or "add-upgrade" : activity.MembersAdded?.Any(m => m.Id == botId) == true;
        var removed = installUpdate ? activity.Action == "remove" : activity.MembersRemoved?.Any(m => m.Id == botId) == true;
        if (added) await OnInstalledAsync(activity, caller, welcome: activity.Action != "add-upgrade", ct);
        else if (removed) await OnRemovedAsync(activity, ct);
    }

    private async Task OnInstalledAsync(Activity activity, BotCaller caller, bool welcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var group = ConversationReference.IsGroup(activity);
        var conversationId = activity.Conversation!.Id!;
        var userId = activity.From!.Id!;
        await using var db = databases.Create();
        var row = await db.TeamsConversations.SingleOrDefaultAsync(c => c.ConversationId == conversationId, ct);
        if (row is null)
        {
            row = new TeamsConversation { ConversationId = conversationId, UserId = userId, TenantId = ConversationReference.TenantOf(activity) };
            db.TeamsConversations.Add(row);
        }

        row.InstalledAt = now;
        row.RemovedAt = null;
        row.UpdatedAt = now;

        Staff? staff = null;
        Staff? recognised = null;
        if (!group)
        {
            var account = await db.ChannelAccounts.Include(a => a.Staff)
                .SingleOrDefaultAsync(a => a.Channel == activity.ChannelId && a.ChannelUserId == userId, ct);
            if (account is not null)
            {
                account.UnreachableSince = null;
                if (caller.Authenticated) account.ConversationReference = ConversationReference.From(activity, serviceUrlVerified: true);
            }
            else
            {
                var identity = caller.Authenticated ? await identities.ResolveAsync(activity, ct) : ActivityTurns.ClaimedIdentity(activity, caller);
                var incoming = ActivityMapper.ToIncoming(activity, identity, caller.Authenticated);
                account = await linking.TryAutoLinkAsync(db, incoming, ct);
                if (account is not null) LogLinked(logger);
                else if (welcome) recognised = (await linking.FindVerifiedAsync(db, incoming, ct))?.Staff; // known, not agreed yet
            }

            staff = account?.Staff;
        }

        OutgoingMessage? welcomeMessage = null;
        if (welcome && row.WelcomedAt is null)
        {
            row.WelcomedAt = now;
            welcomeMessage = group ? new OutgoingMessage(texts.Get(TextCatalog.Vietnamese, "teams.welcome.group"))
                : staff is not null ? Welcome(staff)
                : recognised is not null ? WelcomeBeforeConsent(recognised)
                : new OutgoingMessage(texts.Get(TextCatalog.Vietnamese, "teams.welcome"));
        }

        await db.SaveChangesAsync(ct);
        if (welcomeMessage is null) return;
        var message = AdaptiveCardRenderer.Apply(new Activity
        {
            Type = "message",
            ChannelId = activity.ChannelId,
            From = activity.Recipient is { } bot ? new ChannelAccountRef { Id = bot.Id, Name = bot.Name } : null,
            Conversation = new ConversationRef { Id = conversationId },
            TextFormat = "plain",
            Text = welcomeMessage.Text,
        }, welcomeMessage);
        var id = await connector.SendToConversationAsync(activity.ServiceUrl!, conversationId, message, ct);
        if (id is not null && message.Attachments is [{ Content: { } card }])
        {
            await cards.RememberAsync(conversationId, userId, row.TenantId, id, welcomeMessage, card, ct);
        }
    }

    /// <summary>A linked person can start right away from the welcome card's buttons (the same commands as the menu).</summary>
    private OutgoingMessage Welcome(Staff staff) =>
        new(texts.Get(staff.Language, "teams.welcome.linked", ("name", staff.FullName)))
        {
            Choices =
            [
                new Choice("cmd:assess", texts.Get(staff.Language, "menu.assess"), 1),
                new Choice("cmd:results", texts.Get(staff.Language, "menu.results"), 2),
                new Choice(MainMenu.HelpCommand, texts.Get(staff.Language, "menu.help"), 3),
            ],
        };

    /// <summary>Recognised, but not linked before agreeing to the privacy notice: the button opens it (Dialogs/lien-ket-tai-khoan.md).</summary>
    private OutgoingMessage WelcomeBeforeConsent(Staff staff) =>
        new(texts.Get(staff.Language, "teams.welcome.consent", ("name", staff.FullName)))
        {
            Choices = [new Choice(AccountLinkingDialog.ReviewCommand, texts.Get(staff.Language, "consent.review"), 1)],
        };

    private async Task OnRemovedAsync(Activity activity, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var conversationId = activity.Conversation!.Id!;
        var userId = activity.From!.Id!;
        await using var db = databases.Create();
        var row = await db.TeamsConversations.SingleOrDefaultAsync(c => c.ConversationId == conversationId, ct);
        if (row is not null)
        {
            row.RemovedAt = now;
            row.WelcomedAt = null;
            row.UpdatedAt = now;
        }

        if (!ConversationReference.IsGroup(activity))
        {
            var account = await db.ChannelAccounts.SingleOrDefaultAsync(a => a.Channel == activity.ChannelId && a.ChannelUserId == userId, ct);
            if (account is not null) account.UnreachableSince = now;
        }

        await db.SaveChangesAsync(ct);
        LogRemoved(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams user linked on installation by verified identity")]
    private static partial void LogLinked(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams app removed from a conversation; the person is marked unreachable in Teams")]
    private static partial void LogRemoved(ILogger logger);
}
