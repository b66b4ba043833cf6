using System.Text.Json.Nodes;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Decides what one stored webhook event means and which /message/cs bodies answer it. Texts and button presses go
/// to the conversation engine, whose replies it queues in the outbox with the turn; follow, unfollow, shared phones and
/// attachments are handled here, and their bodies returned for the inbox processor to queue. Every event a user
/// causes (and only those, docs/protocols/zalo.md §2.4) records their last interaction, which opens Zalo's reply window.
/// </summary>
public sealed class ZaloEventHandler(
    ConversationEngine engine,
    OutboxDispatcher outbox,
    ZaloMessageRenderer renderer,
    ZaloPhoneLinking phoneLinking,
    BotDbContextFactory databases,
    TextCatalog texts,
    IOptions<ZaloOptions> options,
    TimeProvider clock)
{
    public const string Channel = "zalo";

    // Events that are the user acting towards the OA (docs/protocols/zalo.md §2.4 "What counts as an interaction").
    private static readonly HashSet<string> Interactions = ["follow", "user_click_chatnow", "user_submit_info"];

    // Reactions in kind need no answer; a reply to every thumbs-up sticker would be noise.
    private static readonly HashSet<string> Silent = ["user_send_sticker", "user_send_gif", "user_reacted_message", "user_click_chatnow"];

    public async Task<IReadOnlyList<JsonObject>> HandleAsync(ZaloInboxEvent row, ZaloWebhookEvent evt, CancellationToken ct)
    {
        if (evt.UserId is not { Length: > 0 } userId || evt.EventName is not { } name) return [];
        var isUserEvent = name.StartsWith("user_send_", StringComparison.Ordinal) || Interactions.Contains(name);
        if (name == "unfollow")
        {
            await MarkUnfollowedAsync(userId, ct);
            return [];
        }

        if (!isUserEvent) return [];
        var user = await TouchAsync(userId, row.ReceivedAt, followed: name == "follow", ct);

        return name switch
        {
            "user_send_text" => await TextAsync(row, evt, user, ct),
            "follow" => await WelcomeAsync(user, ct),
            "user_submit_info" => await phoneLinking.HandleSharedPhoneAsync(userId, evt.Info?.Phone, ct),
            _ when Silent.Contains(name) => [],
            _ => renderer.Render(userId, new OutgoingMessage(texts.Get(await LanguageAsync(userId, ct), "zalo.textOnly"))),
        };
    }

    private async Task<IReadOnlyList<JsonObject>> TextAsync(ZaloInboxEvent row, ZaloWebhookEvent evt, ZaloUser user, CancellationToken ct)
    {
        var text = evt.Message?.Text;
        var button = ZaloPayload.Decode(text);
        var message = new IncomingMessage(Channel, user.UserId, user.UserId, row.DedupeKey, button?.Value ?? text, button?.Value, button?.PromptId)
        {
            ReplyTo = ZaloReplyRoute.To(user.UserId),
        };

        // The engine's replies are queued in the outbox with the turn and sent from there; only what follows them is returned.
        var result = await engine.HandleAsync(message, ct);
        await outbox.AfterTurnAsync(message, result, ct);
        return !result.Duplicate && await OfferPhoneSharingAsync(user, ct) ? [PhoneRequest(user.UserId, TextCatalog.Vietnamese)] : [];
    }

    private async Task<IReadOnlyList<JsonObject>> WelcomeAsync(ZaloUser user, CancellationToken ct)
    {
        await using var db = databases.Create();
        var account = await db.ChannelAccounts.AsNoTracking().Include(a => a.Staff)
            .SingleOrDefaultAsync(a => a.Channel == Channel && a.ChannelUserId == user.UserId, ct);
        if (account?.Staff is { } staff)
        {
            return renderer.Render(user.UserId, new OutgoingMessage(texts.Get(staff.Language, "zalo.follow.linked", ("name", staff.FullName))));
        }

        var bodies = renderer.Render(user.UserId, new OutgoingMessage(texts.Get(TextCatalog.Vietnamese, "zalo.follow.welcome"))).ToList();
        if (await OfferPhoneSharingAsync(user, ct)) bodies.Add(PhoneRequest(user.UserId, TextCatalog.Vietnamese));
        return bodies;
    }

    private JsonObject PhoneRequest(string userId, string language) =>
        renderer.RequestUserInfo(userId, texts.Get(language, "zalo.phone.request"));

    /// <summary>Unlinked people are offered phone sharing at most once a day, so the card does not follow every message.</summary>
    private async Task<bool> OfferPhoneSharingAsync(ZaloUser user, CancellationToken ct)
    {
        if (!options.Value.RequestPhoneForLinking) return false;
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        if (await db.ChannelAccounts.AnyAsync(a => a.Channel == Channel && a.ChannelUserId == user.UserId, ct)) return false;
        var since = now - TimeSpan.FromDays(1);
        return await db.ZaloUsers
            .Where(u => u.UserId == user.UserId && (u.PhoneRequestedAt == null || u.PhoneRequestedAt < since))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneRequestedAt, now), ct) == 1;
    }

    private async Task<ZaloUser> TouchAsync(string userId, DateTimeOffset at, bool followed, CancellationToken ct)
    {
        await using var db = databases.Create();
        var user = await db.ZaloUsers.SingleOrDefaultAsync(u => u.UserId == userId, ct);
        if (user is null)
        {
            user = new ZaloUser { UserId = userId };
            db.ZaloUsers.Add(user);
        }

        if (user.LastInteractionAt is null || user.LastInteractionAt < at) user.LastInteractionAt = at;
        if (followed)
        {
            user.FollowedAt = at;
            user.UnfollowedAt = null;
        }

        var account = await db.ChannelAccounts.SingleOrDefaultAsync(a => a.Channel == Channel && a.ChannelUserId == userId, ct);
        if (account is not null)
        {
            if (account.LastInteractionAt is null || account.LastInteractionAt < at) account.LastInteractionAt = at;
            account.UnreachableSince = null;
        }

        await db.SaveChangesAsync(ct);
        return user;
    }

    private async Task MarkUnfollowedAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        await db.ZaloUsers.Where(u => u.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.UnfollowedAt, now), ct);
        await db.ChannelAccounts.Where(a => a.Channel == Channel && a.ChannelUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UnreachableSince, now), ct);
    }

    private async Task<string> LanguageAsync(string userId, CancellationToken ct)
    {
        await using var db = databases.Create();
        return await db.ChannelAccounts.Where(a => a.Channel == Channel && a.ChannelUserId == userId)
            .Select(a => a.Staff!.Language).FirstOrDefaultAsync(ct) ?? TextCatalog.Vietnamese;
    }
}
