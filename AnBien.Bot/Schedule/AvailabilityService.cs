using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Schedule;

/// <summary>Records what people said about reminders (the reminder dialog calls it with <see cref="AvailabilityParser"/>'s result).</summary>
public sealed class AvailabilityService(BotDbContextFactory databases, TimeProvider clock)
{
    public async Task RecordAsync(int staffId, AvailabilityRequest request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = databases.Create();
            var row = await db.StaffAvailability.SingleOrDefaultAsync(a => a.StaffId == staffId, ct);
            if (row is null)
            {
                row = new StaffAvailability { StaffId = staffId };
                db.StaffAvailability.Add(row);
            }

            if (request.SnoozeUntil is { } until) row.SnoozedUntil = until;
            if (request.LeaveUntil is { } through) row.OnLeaveUntil = through;
            row.UpdatedAt = clock.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Two replies at once both inserted; the second pass updates the row the first created.
            }
        }
    }

    /// <summary>Whether automatic or a head's reminders must skip the person now.</summary>
    public async Task<bool> IsAwayAsync(int staffId, DateOnly today, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        return await db.StaffAvailability.AnyAsync(a => a.StaffId == staffId && (a.OnLeaveUntil >= today || a.SnoozedUntil > now), ct);
    }
}
