using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AnBien.Bot.Announcements;

/// <summary>
/// Queues announcements: one delivery row per recipient, resolved and written by the database in one statement
/// (<see cref="AudienceInsert"/>), or in bulk (PostgreSQL COPY) for recipients chosen by the caller, so even the whole
/// organisation is queued in a moment. Delivery itself is the workers' job (<see cref="AnnouncementDeliveryWorker"/>).
/// </summary>
public sealed class AnnouncementService(BotDbContextFactory databases, AudienceInsert audiences, TimeProvider clock)
{
    public async Task<Announcement> CreateAsync(AnnouncementDraft draft, CancellationToken ct)
    {
        await using var db = databases.Create();
        return await QueueAsync(db, draft, null, async a =>
        {
            a.RecipientCount = await audiences.InsertAsync(db, a, draft.Audience, clock.GetUtcNow(), ct);
            await db.SaveChangesAsync(ct);
        }, ct);
    }

    /// <summary>
    /// Queues <paramref name="draft"/> to the given recipients. A draft with an occurrence key that was queued before
    /// returns the earlier announcement: a rhythm step that runs again does not message anyone twice.
    /// </summary>
    public Task<Announcement> EnqueueAsync(BotDbContext db, AnnouncementDraft draft, IReadOnlyList<Recipient> recipients, CancellationToken ct) =>
        QueueAsync(db, draft, recipients.Count, async a =>
        {
            if (databases.IsPostgres) await CopyDeliveriesAsync(db, a, recipients, ct);
            else await InsertDeliveriesAsync(db, a, recipients, ct);
        }, ct);

    private async Task<Announcement> QueueAsync(BotDbContext db, AnnouncementDraft draft, int? recipientCount, Func<Announcement, Task> writeDeliveries, CancellationToken ct)
    {
        if (draft.OccurrenceKey is { } key
            && await db.Announcements.AsNoTracking().SingleOrDefaultAsync(a => a.OccurrenceKey == key, ct) is { } earlier)
        {
            return earlier;
        }

        // On PostgreSQL the retrying execution strategy must own the transaction it may replay (Storage/BotDbContextFactory.cs).
        var attempt = 0;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            if (attempt++ > 0) db.ChangeTracker.Clear();
            var now = clock.GetUtcNow();
            var announcement = new Announcement
            {
                Kind = draft.Kind, Text = draft.Text, TextEnglish = draft.TextEnglish, Link = draft.Link, ImageUrl = draft.ImageUrl,
                ImageType = draft.Image?.ContentType,
                Audience = draft.Audience.ToString(), WithSubUnits = draft.Audience.WithSubUnits, RequiresAck = draft.RequiresAck,
                SendAt = (draft.SendAt ?? now).ToUniversalTime(), CreatedAt = now, CreatedBy = draft.CreatedBy,
                PeriodId = draft.PeriodId, CampaignId = draft.CampaignId, OccurrenceKey = draft.OccurrenceKey, RecipientCount = recipientCount ?? 0,
            };

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Announcements.Add(announcement);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (draft.OccurrenceKey is not null)
            {
                // Another instance queued the same occurrence first.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await db.Announcements.AsNoTracking().SingleAsync(a => a.OccurrenceKey == draft.OccurrenceKey, ct);
            }

            if (draft.Image is { } image)
            {
                db.AnnouncementImages.Add(new AnnouncementImage { AnnouncementId = announcement.Id, Data = image.Data });
                await db.SaveChangesAsync(ct);
            }

            await writeDeliveries(announcement);
            await tx.CommitAsync(ct);
            return announcement;
        });
    }

    /// <summary>Marks a sent delivery acknowledged. True the first time; pressing "Đã đọc" again changes nothing.</summary>
    public async Task<bool> AcknowledgeAsync(long announcementId, int staffId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        var changed = await db.AnnouncementDeliveries
            .Where(d => d.AnnouncementId == announcementId && d.StaffId == staffId && d.State == DeliveryState.Sent)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, DeliveryState.Acknowledged).SetProperty(d => d.AcknowledgedAt, now), ct);
        return changed == 1;
    }

    /// <summary>
    /// "Đã đọc" typed rather than pressed (channels without buttons, or an old message scrolled away): acknowledges the
    /// latest announcement sent to the person that asks for it. The announcement's id, or null when none waits.
    /// </summary>
    public async Task<long?> AcknowledgeLatestAsync(int staffId, CancellationToken ct)
    {
        await using var db = databases.Create();
        var latest = await (from d in db.AnnouncementDeliveries
                            join a in db.Announcements on d.AnnouncementId equals a.Id
                            where d.StaffId == staffId && d.State == DeliveryState.Sent && a.RequiresAck
                            orderby d.SentAt descending, d.Id descending
                            select (long?)d.AnnouncementId).FirstOrDefaultAsync(ct);
        return latest is { } id && await AcknowledgeAsync(id, staffId, ct) ? id : null;
    }

    public async Task<AnnouncementStatus?> StatusAsync(long announcementId, CancellationToken ct)
    {
        await using var db = databases.Create();
        if (!await db.Announcements.AnyAsync(a => a.Id == announcementId, ct)) return null;
        return (await AnnouncementReport.CountsAsync(db, [announcementId], ct)).GetValueOrDefault(announcementId) ?? new AnnouncementStatus(0, 0, 0, 0, 0);
    }

    public async Task<IReadOnlyList<Announcement>> ListAsync(int take, CancellationToken ct)
    {
        await using var db = databases.Create();
        return await db.Announcements.AsNoTracking().OrderByDescending(a => a.Id).Take(take).ToListAsync(ct);
    }

    private static AnnouncementDelivery NewDelivery(Announcement a, Recipient r) => new()
    {
        AnnouncementId = a.Id,
        StaffId = r.StaffId,
        Channel = r.Channel,
        State = r.UnreachableReason is null ? DeliveryState.Queued : DeliveryState.Unreachable,
        Reason = r.UnreachableReason,
        NextAttemptAt = a.SendAt,
    };

    private static async Task InsertDeliveriesAsync(BotDbContext db, Announcement announcement, IReadOnlyList<Recipient> recipients, CancellationToken ct)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AnnouncementDeliveries.AddRange(recipients.Select(r => NewDelivery(announcement, r)));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
    }

    private static async Task CopyDeliveriesAsync(BotDbContext db, Announcement announcement, IReadOnlyList<Recipient> recipients, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"""COPY "{AnnouncementDeliveryConfiguration.Table}" ("AnnouncementId", "StaffId", "Channel", "State", "Reason", "Attempts", "NextAttemptAt") FROM STDIN (FORMAT BINARY)""", ct);
        foreach (var r in recipients)
        {
            var d = NewDelivery(announcement, r);
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(d.AnnouncementId, NpgsqlDbType.Bigint, ct);
            await writer.WriteAsync(d.StaffId, NpgsqlDbType.Integer, ct);
            await WriteNullableAsync(writer, d.Channel, ct);
            await writer.WriteAsync((int)d.State, NpgsqlDbType.Integer, ct);
            await WriteNullableAsync(writer, d.Reason, ct);
            await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(d.NextAttemptAt, NpgsqlDbType.TimestampTz, ct);
        }

        await writer.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, NpgsqlDbType.Varchar, ct);
}
