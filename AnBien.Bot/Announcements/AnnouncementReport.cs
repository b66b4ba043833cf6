using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Announcements;

/// <summary>
/// What "tình hình thông báo" and its workbook show: the latest announcements a person may follow, their deliveries
/// counted by state and by unit, and the deliveries one by one. Counting happens in the database.
/// </summary>
public static class AnnouncementReport
{
    /// <summary>The council and administrators follow every council announcement; a head only the ones they sent.</summary>
    public static async Task<IReadOnlyList<Announcement>> LatestAsync(BotDbContext db, Staff viewer, int take, CancellationToken ct)
    {
        var query = db.Announcements.AsNoTracking().Where(a => a.Kind == AnnouncementKind.Council);
        if (AnnouncementAccess.IsLimitedToOwnUnit(viewer)) query = query.Where(a => a.CreatedBy == viewer.Code);
        return await query.OrderByDescending(a => a.Id).Take(take).ToListAsync(ct);
    }

    public static bool MayFollow(Staff viewer, Announcement announcement) =>
        !AnnouncementAccess.IsLimitedToOwnUnit(viewer) || announcement.CreatedBy == viewer.Code;

    /// <summary>Counts by state for each announcement ("sent" includes the acknowledged, as on the command line).</summary>
    public static async Task<Dictionary<long, AnnouncementStatus>> CountsAsync(BotDbContext db, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var rows = await db.AnnouncementDeliveries.AsNoTracking().Where(d => ids.Contains(d.AnnouncementId))
            .GroupBy(d => new { d.AnnouncementId, d.State }).Select(g => new { g.Key.AnnouncementId, g.Key.State, Count = g.Count() })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.AnnouncementId).ToDictionary(g => g.Key, g => Status(g.ToDictionary(r => r.State, r => r.Count)));
    }

    /// <summary>Counts by state per unit of the recipients, in the directory's order.</summary>
    public static async Task<IReadOnlyList<(string Unit, AnnouncementStatus Status)>> ByUnitAsync(BotDbContext db, long id, CancellationToken ct)
    {
        var rows = await (from d in db.AnnouncementDeliveries.AsNoTracking()
                          where d.AnnouncementId == id
                          join s in db.Staff.AsNoTracking() on d.StaffId equals s.Id
                          group d by new { s.UnitId, d.State } into g
                          select new { g.Key.UnitId, g.Key.State, Count = g.Count() }).ToListAsync(ct);
        var tree = await UnitTree.LoadAsync(db, ct);
        return rows.GroupBy(r => r.UnitId).OrderBy(g => g.Key)
            .Select(g => (tree.Nodes.FirstOrDefault(n => n.Id == g.Key)?.Name ?? tree.CodeOf(g.Key), Status(g.ToDictionary(r => r.State, r => r.Count))))
            .ToList();
    }

    /// <summary>The deliveries one by one, for the workbook: person, unit, channel, state, reason, times.</summary>
    public static IAsyncEnumerable<AnnouncementDeliveryLine> LinesAsync(BotDbContext db, long id) =>
        (from d in db.AnnouncementDeliveries.AsNoTracking()
         where d.AnnouncementId == id
         join s in db.Staff.AsNoTracking() on d.StaffId equals s.Id
         join u in db.Units.AsNoTracking() on s.UnitId equals u.Id
         orderby u.Id, s.Code
         select new AnnouncementDeliveryLine(s.Code, s.FullName, u.Name, d.Channel, d.State, d.Reason, d.Attempts, d.SentAt, d.AcknowledgedAt))
        .AsAsyncEnumerable();

    private static AnnouncementStatus Status(Dictionary<DeliveryState, int> counts)
    {
        int Of(DeliveryState s) => counts.GetValueOrDefault(s);
        return new AnnouncementStatus(Of(DeliveryState.Queued), Of(DeliveryState.Sent) + Of(DeliveryState.Acknowledged),
            Of(DeliveryState.Failed), Of(DeliveryState.Unreachable), Of(DeliveryState.Acknowledged));
    }
}
