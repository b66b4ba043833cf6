using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Announcements;

/// <summary>
/// Turns an audience into recipients and decides, per person, whether any linked chat account can reach them now:
/// an account the channel reported unreachable is skipped, and a Zalo account only counts inside Zalo's interaction
/// window after the person last wrote (see docs/ and the README's Zalo section). Outside it, a person with a phone number
/// is reached by the notification template when Zalo:Zns is configured (<see cref="Channels.Zalo.ZaloTemplateFallback"/>).
/// </summary>
public sealed class AudienceResolver(IOptions<AnnouncementOptions> options, IOptions<Channels.Zalo.ZaloOptions> zalo)
{
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(BotDbContext db, AnnouncementAudience audience, DateTimeOffset now, CancellationToken ct)
    {
        var staff = db.Staff.AsNoTracking().Where(s => s.Active);
        switch (audience.Kind)
        {
            case AudienceKind.Units:
                var unitIds = await UnitIdsAsync(db, audience, ct);
                staff = staff.Where(s => unitIds.Contains(s.UnitId));
                break;
            case AudienceKind.Staff:
                var codes = audience.Codes.ToList();
                staff = staff.Where(s => codes.Contains(s.Code));
                break;
        }

        var people = await staff.Select(s => new { s.Id, s.Roles }).ToListAsync(ct);
        if (audience.Kind == AudienceKind.Roles)
        {
            var wanted = AnnouncementAudience.ParseRoles(audience.Codes);
            people = people.Where(p => (p.Roles & wanted) != 0).ToList();
        }

        return await ReachAsync(db, people.Select(p => p.Id).ToList(), now, ct);
    }

    /// <summary>The reachability of given people (the rhythm's reminders name them directly).</summary>
    public async Task<IReadOnlyList<Recipient>> ReachAsync(BotDbContext db, IReadOnlyCollection<int> staffIds, DateTimeOffset now, CancellationToken ct)
    {
        var wanted = staffIds.ToHashSet();
        // Loading every account beats an IN list of tens of thousands of ids; the table is one row per linked account.
        var accounts = (await db.ChannelAccounts.AsNoTracking()
                .Select(a => new { a.StaffId, a.Channel, a.LastInteractionAt, a.UnreachableSince })
                .ToListAsync(ct))
            .Where(a => wanted.Contains(a.StaffId))
            .ToLookup(a => a.StaffId);
        var zaloSince = now - options.Value.ZaloWindow;
        var recipients = new List<Recipient>(wanted.Count);
        foreach (var id in staffIds)
        {
            var mine = accounts[id].OrderByDescending(a => a.LastInteractionAt).ToList();
            var usable = mine.FirstOrDefault(a => a.UnreachableSince is null
                && (a.Channel != Channels.Zalo.ZaloEventHandler.Channel || a.LastInteractionAt >= zaloSince));
            if (usable is not null)
            {
                recipients.Add(new Recipient(id, usable.Channel, null));
                continue;
            }

            var (reach, reason) = mine.FirstOrDefault() switch
            {
                null => (Reachability.NoAccount, "no linked chat account"),
                { UnreachableSince: not null } a => (Reachability.ChannelReported, $"{a.Channel}: the channel reported the person unreachable"),
                var a => (Reachability.OutsideZaloWindow, $"{a.Channel}: outside the {options.Value.ZaloWindow.TotalDays:0}-day interaction window"),
            };
            recipients.Add(new Recipient(id, mine.FirstOrDefault()?.Channel, reason, reach));
        }

        return zalo.Value.Zns.IsConfigured ? await WithTemplateAsync(db, recipients, ct) : recipients;
    }

    /// <summary>Those outside Zalo's window who have a phone number get the notification template instead.</summary>
    private static async Task<IReadOnlyList<Recipient>> WithTemplateAsync(BotDbContext db, List<Recipient> recipients, CancellationToken ct)
    {
        var outside = recipients.Where(r => r.Reach == Reachability.OutsideZaloWindow).Select(r => r.StaffId).ToList();
        if (outside.Count == 0) return recipients;
        var phones = (await db.Staff.AsNoTracking().Where(s => s.Phone != null).Select(s => new { s.Id, s.Phone }).ToListAsync(ct))
            .Where(s => Channels.Zalo.ZaloTemplateFallback.InternationalPhone(s.Phone) is not null).Select(s => s.Id).ToHashSet();
        return recipients.Select(r => r.Reach == Reachability.OutsideZaloWindow && phones.Contains(r.StaffId)
            ? new Recipient(r.StaffId, Channels.Zalo.ZaloTemplateFallback.Channel, null)
            : r).ToList();
    }

    internal static async Task<HashSet<int>> UnitIdsAsync(BotDbContext db, AnnouncementAudience audience, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.ParentId }).ToListAsync(ct);
        var byCode = units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var missing = audience.Codes.Where(c => !byCode.ContainsKey(c)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"Unknown unit(s): {string.Join(", ", missing)}.");
        var ids = audience.Codes.Select(c => byCode[c].Id).ToHashSet();
        if (!audience.WithSubUnits) return ids;
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id);
        var pending = new Queue<int>(ids);
        while (pending.TryDequeue(out var id))
        {
            foreach (var child in children[id])
            {
                if (ids.Add(child)) pending.Enqueue(child);
            }
        }

        return ids;
    }
}
