using System.Globalization;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Assessment;

/// <summary>Finds, opens and closes monthly periods.</summary>
public sealed class PeriodService(CatalogueRegistry catalogues, BotDbContextFactory databases, IOptions<PeriodOptions> options, TimeProvider clock)
{
    public PeriodOptions Options => options.Value;

    /// <summary>The period open now; on its default open day it is created automatically (unless AutoOpen is off).</summary>
    public async Task<Period?> FindOpenAsync(BotDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = await db.Periods
            .Where(p => p.ClosedAt == null && p.OpensAt <= now && p.ClosesAt > now)
            .OrderByDescending(p => p.OpensAt)
            .FirstOrDefaultAsync(ct);
        if (open is not null || !Options.AutoOpen) return open;

        var window = PeriodWindow.Containing(now, Options);
        if (window is null) return null;
        if (await db.Periods.AnyAsync(p => p.Month == window.Month, ct)) return null;

        // Created in a unit of work of its own: a conflict with another instance opening the same month must not
        // disturb the caller's pending changes (the turn that asked).
        await using (var own = databases.Create())
        {
            await CreateAsync(own, window.Month, window.OpensAt, window.ClosesAt, ct);
        }

        return await db.Periods.SingleAsync(p => p.Month == window.Month, ct);
    }

    /// <summary>Every period open now, oldest month first (after <see cref="FindOpenAsync"/> has opened this month's if due).</summary>
    public async Task<IReadOnlyList<Period>> FindAllOpenAsync(BotDbContext db, CancellationToken ct)
    {
        if (await FindOpenAsync(db, ct) is null) return [];
        var now = clock.GetUtcNow();
        return await db.Periods.Where(p => p.ClosedAt == null && p.OpensAt <= now && p.ClosesAt > now).OrderBy(p => p.Month).ToListAsync(ct);
    }

    /// <summary>The most recent period that has closed (by date or by hand), for "the period has closed" replies.</summary>
    public Task<Period?> FindLastClosedAsync(BotDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Periods.Where(p => p.ClosedAt != null || p.ClosesAt <= now)
            .OrderByDescending(p => p.Month).FirstOrDefaultAsync(ct);
    }

    public async Task<Period> OpenAsync(BotDbContext db, string month, DateOnly? closesOn, CancellationToken ct)
    {
        var (year, mon) = ParseMonth(month);
        var window = PeriodWindow.For(year, mon, Options);
        var closesAt = window.ClosesAt;
        if (closesOn is { } day)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Options.TimeZone);
            closesAt = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
        }

        var now = clock.GetUtcNow();
        if (closesAt <= now) throw new ArgumentException($"The closing date {closesAt:yyyy-MM-dd HH:mm}Z is already past.");
        var existing = await db.Periods.SingleOrDefaultAsync(p => p.Month == window.Month, ct);
        if (existing is not null)
        {
            existing.ClosedAt = null;
            existing.OpensAt = existing.OpensAt <= now ? existing.OpensAt : now;
            existing.ClosesAt = closesAt;
            await db.SaveChangesAsync(ct);
            await PeriodRoster.SyncOpenPeriodsAsync(db, now, ct);
            return existing;
        }

        var opensAt = window.OpensAt < now ? window.OpensAt : now;
        return await CreateAsync(db, window.Month, opensAt, closesAt, ct);
    }

    public async Task<Period> CloseAsync(BotDbContext db, string month, CancellationToken ct)
    {
        ParseMonth(month);
        var period = await db.Periods.SingleOrDefaultAsync(p => p.Month == month, ct)
            ?? throw new ArgumentException($"There is no period for {month}.");
        period.ClosedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return period;
    }

    public static (int Year, int Month) ParseMonth(string month)
    {
        if (DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return (d.Year, d.Month);
        throw new ArgumentException($"'{month}' is not a month in the form yyyy-MM.");
    }

    /// <summary>
    /// The day whose rules a period takes: the day it opens, in the plan's time zone, but never before the month it
    /// assesses (a January period opened by hand in late December still follows January's rules).
    /// </summary>
    private DateOnly RulesDay(string month, DateTimeOffset opensAt)
    {
        var (year, mon) = ParseMonth(month);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Options.TimeZone);
        var opened = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(opensAt, zone).DateTime);
        var first = new DateOnly(year, mon, 1);
        return opened < first ? first : opened;
    }

    private async Task<Period> CreateAsync(BotDbContext db, string month, DateTimeOffset opensAt, DateTimeOffset closesAt, CancellationToken ct)
    {
        var rulesDay = RulesDay(month, opensAt);
        var (general, variants) = catalogues.InForce(rulesDay);
        await catalogues.EnsureSnapshotsAsync(databases, [general, .. variants], clock.GetUtcNow(), ct);
        var period = new Period
        {
            Month = month, OpensAt = opensAt, ClosesAt = closesAt, CatalogueId = general.Id, CatalogueVersion = general.Version,
            CatalogueVariants = variants.Count == 0 ? null : string.Join(' ', variants.Select(v => v.Key)),
            CampaignIds = await Campaigns.CampaignStore.RunningIdsAsync(db, rulesDay, ct),
        };
        db.Periods.Add(period);
        try
        {
            await db.SaveChangesAsync(ct);
            await PeriodRoster.AddActiveStaffAsync(db, period.Id, ct);
            return period;
        }
        catch (DbUpdateException)
        {
            // Another instance opened the same month first (unique Month); use theirs.
            db.Entry(period).State = EntityState.Detached;
            return await db.Periods.SingleAsync(p => p.Month == month, ct);
        }
    }
}
