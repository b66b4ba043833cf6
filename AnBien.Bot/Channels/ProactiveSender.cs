using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels;

/// <summary>
/// The channel-neutral way the product reaches a person: tries their linked accounts, most recently used first, and
/// stops at the first delivery. Returns every attempt so callers can report "not reachable" apart from failures.
/// </summary>
public sealed class ProactiveSender(IEnumerable<IChannelSender> senders, BotDbContextFactory databases)
{
    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<DeliveryResult>> SendToStaffAsync(int staffId, OutgoingMessage message, CancellationToken ct)
    {
        await using var db = databases.Create();
        var accounts = await db.ChannelAccounts.AsNoTracking()
            .Where(a => a.StaffId == staffId)
            .OrderByDescending(a => a.LastInteractionAt)
            .ToListAsync(ct);
        var results = new List<DeliveryResult>();
        foreach (var account in accounts)
        {
            if (!_senders.TryGetValue(account.Channel, out var sender)) continue;
            var result = await sender.SendAsync(account, message, ct);
            results.Add(result);
            if (result.Status == DeliveryStatus.Sent) break;
        }

        if (results.Count == 0) results.Add(DeliveryResult.NotReachable("none", "no linked chat account"));
        return results;
    }
}
