using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.Outbox;

/// <summary>
/// Reaches a person without them writing first (reminders, announcements, summaries): tries their linked accounts,
/// most recently used first, and stops at the first that takes the message. Channels without a sender of their own
/// (the Emulator and other Bot Framework clients) are written to through the stored conversation's serviceUrl.
/// Not reachable anywhere is final; a failure on any account means "try again later".
/// </summary>
public sealed class StaffRoute(IEnumerable<IChannelSender> senders, BotFrameworkSender botFramework, BotDbContextFactory databases,
    IEnumerable<IUnreachableFallback> fallbacks) : IOutboxRoute
{
    public const string RouteName = "staff";

    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.OrdinalIgnoreCase);

    public string Name => RouteName;

    public async Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var staffId = delivery.Address<StaffAddress>().StaffId;
        var message = delivery.Payload<OutgoingMessage>();
        List<ChannelAccount> accounts;
        await using (var db = databases.Create())
        {
            accounts = await db.ChannelAccounts.AsNoTracking()
                .Where(a => a.StaffId == staffId)
                .OrderByDescending(a => a.LastInteractionAt)
                .ToListAsync(ct);
        }

        DeliveryResult? failed = null;
        foreach (var account in accounts)
        {
            var sender = _senders.GetValueOrDefault(account.Channel) ?? (botFramework.Serves(account) ? botFramework : null);
            if (sender is null) continue;
            var result = await sender.SendAsync(account, message, ct);
            delivery.Tried.Add(result);
            if (result.Status == DeliveryStatus.Sent) return result;
            if (result.Status == DeliveryStatus.Failed && (failed is null || result.Retryable)) failed = result;
        }

        if (failed is not null) return failed;
        foreach (var fallback in fallbacks)
        {
            if (await fallback.TryDeliverAsync(staffId, message, delivery.Tried, $"outbox-{delivery.Row.Id}", ct) is not { } last) continue;
            delivery.Tried.Add(last);
            return last;
        }

        if (delivery.Tried.Count == 0)
        {
            var none = DeliveryResult.NotReachable("none", "no linked chat account");
            delivery.Tried.Add(none);
            return none;
        }

        return DeliveryResult.NotReachable(delivery.Tried[0].Channel,
            string.Join("; ", delivery.Tried.Select(t => $"{t.Channel}: {t.Detail}")));
    }
}
