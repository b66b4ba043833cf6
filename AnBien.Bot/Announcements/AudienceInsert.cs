using System.Data.Common;
using System.Globalization;
using System.Text;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Announcements;

/// <summary>
/// Resolves an audience and writes its delivery rows in one <c>INSERT … SELECT</c>, so queuing the whole organisation
/// does not load every person and account into the process. The rows are the ones <see cref="AudienceResolver"/> and
/// <see cref="AnnouncementService.EnqueueAsync"/> write for the same audience: per person the most recently used account
/// that can be reached now (ties go to the oldest account), otherwise the most recent account's reason, or "no linked
/// chat account". The SQL is portable (window functions, <c>NULLS LAST</c>) so SQLite and PostgreSQL run the same text.
/// </summary>
public sealed class AudienceInsert(IOptions<AnnouncementOptions> options, IOptions<ZaloOptions> zalo)
{
    /// <summary>Inserts the rows of <paramref name="announcement"/> (already saved) and returns how many were written.</summary>
    public async Task<int> InsertAsync(BotDbContext db, Announcement announcement, AnnouncementAudience audience, DateTimeOffset now, CancellationToken ct)
    {
        var parameters = new List<object?>();
        string Add(object? value)
        {
            parameters.Add(value);
            return $"{{{parameters.Count - 1}}}";
        }

        var postgres = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        var window = options.Value.ZaloWindow;
        var outside = $": outside the {window.TotalDays:0}-day interaction window";
        // Each person's newest account (Rank 1) carries, in the same row, the best account that can be reached now
        // ("Best", reachable ones first): one pass over the accounts, one row per person.
        var sql = new StringBuilder($"""
            INSERT INTO "{AnnouncementDeliveryConfiguration.Table}" ("AnnouncementId", "StaffId", "Channel", "State", "Reason", "Attempts", "NextAttemptAt")
            SELECT {Add(announcement.Id)}, s."Id", CASE WHEN r."BestUsable" = 1 THEN r."Best" ELSE r."Channel" END,
                   CASE WHEN r."BestUsable" = 1 THEN {(int)DeliveryState.Queued} ELSE {(int)DeliveryState.Unreachable} END,
                   CASE WHEN r."BestUsable" = 1 THEN NULL
                        WHEN r."StaffId" IS NULL THEN 'no linked chat account'
                        WHEN r."UnreachableSince" IS NOT NULL THEN r."Channel" || ': the channel reported the person unreachable'
                        ELSE r."Channel" || {Add(outside)} END,
                   0, {Add(Stored(postgres, announcement.SendAt))}
            FROM "Staff" s LEFT JOIN (
                SELECT q."StaffId", q."Channel", q."UnreachableSince", q."Best", q."BestUsable" FROM (
                    SELECT a."StaffId", a."Channel", a."UnreachableSince",
                           ROW_NUMBER() OVER (PARTITION BY a."StaffId" ORDER BY a."LastInteractionAt" DESC NULLS LAST, a."Id") AS "Rank",
                           FIRST_VALUE(a."Channel") OVER best AS "Best", FIRST_VALUE(a."Usable") OVER best AS "BestUsable"
                    FROM (SELECT a.*, CASE WHEN a."UnreachableSince" IS NULL
                                  AND (a."Channel" <> {Add(ZaloEventHandler.Channel)} OR a."LastInteractionAt" >= {Add(Stored(postgres, now - window))})
                                  THEN 1 ELSE 0 END AS "Usable"
                          FROM "ChannelAccounts" a) a
                    WINDOW best AS (PARTITION BY a."StaffId" ORDER BY a."Usable" DESC, a."LastInteractionAt" DESC NULLS LAST, a."Id")) q
                WHERE q."Rank" = 1) r ON r."StaffId" = s."Id"
            WHERE s."Active"
            """);
        switch (audience.Kind)
        {
            case AudienceKind.Units:
                var units = await AudienceResolver.UnitIdsAsync(db, audience, ct);
                sql.Append(CultureInfo.InvariantCulture, $" AND s.\"UnitId\" IN ({string.Join(", ", units.Select(u => u.ToString(CultureInfo.InvariantCulture)))})");
                break;
            case AudienceKind.Staff:
                sql.Append(CultureInfo.InvariantCulture, $" AND s.\"Code\" IN ({string.Join(", ", audience.Codes.Select(Add))})");
                break;
            case AudienceKind.Roles:
                sql.Append(CultureInfo.InvariantCulture, $" AND (s.\"Roles\" & {(int)AnnouncementAudience.ParseRoles(audience.Codes)}) <> 0");
                break;
        }

        // A one-off statement: PostgreSQL's JIT would spend longer compiling it than running it.
        if (postgres) await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
        var written = await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters!, ct);
        if (zalo.Value.Zns.IsConfigured) await UseTemplateAsync(db, announcement.Id, ZaloEventHandler.Channel + outside, ct);
        return written;
    }

    /// <summary>
    /// Those outside Zalo's window with a usable phone number get the notification template instead (as
    /// <see cref="AudienceResolver"/> does); the phone check is the template sender's own, so it runs here, on those few rows.
    /// </summary>
    private static async Task UseTemplateAsync(BotDbContext db, long announcementId, string outsideReason, CancellationToken ct)
    {
        var outside = await (from d in db.AnnouncementDeliveries
                             join s in db.Staff on d.StaffId equals s.Id
                             where d.AnnouncementId == announcementId && d.State == DeliveryState.Unreachable && d.Reason == outsideReason && s.Phone != null
                             select new { d.Id, s.Phone }).ToListAsync(ct);
        var ids = outside.Where(o => ZaloTemplateFallback.InternationalPhone(o.Phone) is not null).Select(o => o.Id).ToList();
        foreach (var chunk in ids.Chunk(1000))
        {
            await db.AnnouncementDeliveries.Where(d => chunk.Contains(d.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(d => d.State, DeliveryState.Queued)
                .SetProperty(d => d.Channel, ZaloTemplateFallback.Channel)
                .SetProperty(d => d.Reason, (string?)null), ct);
        }
    }

    /// <summary>A time as the column stores it: SQLite keeps DateTimeOffset as a number (Storage/SqliteBotDbContext.cs).</summary>
    private static object Stored(bool postgres, DateTimeOffset value) =>
        postgres ? value.ToUniversalTime() : new DateTimeOffsetToBinaryConverter().ConvertToProvider(value.ToUniversalTime())!;
}
