using System.Collections.Concurrent;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Assessment;

/// <summary>
/// Holds the current catalogue (loaded and checked at start-up) and the forms of older periods, which are read
/// from the snapshot stored when their period was opened.
/// </summary>
public sealed class CatalogueRegistry
{
    private readonly ConcurrentDictionary<(string, string), AssessmentForm> _forms = new();
    private volatile bool _snapshotStored;

    public CatalogueRegistry(IOptions<CatalogueOptions> options, IHostEnvironment environment)
    {
        var path = options.Value.File;
        if (!Path.IsPathRooted(path))
        {
            var besideApp = Path.Combine(AppContext.BaseDirectory, path);
            path = File.Exists(besideApp) ? besideApp : Path.Combine(environment.ContentRootPath, path);
        }

        CurrentPath = path;
        CurrentJson = File.Exists(path) ? File.ReadAllText(path) : throw new CatalogueException(path, "the file", "it does not exist");
        Current = new AssessmentForm(CatalogueLoader.Parse(CurrentJson, path));
        _forms[(Current.Catalogue.Id, Current.Catalogue.Version)] = Current;
    }

    public string CurrentPath { get; }
    public string CurrentJson { get; }
    public AssessmentForm Current { get; }

    public async Task<AssessmentForm> FormForAsync(BotDbContext db, Period period, CancellationToken ct)
    {
        var key = (period.CatalogueId, period.CatalogueVersion);
        if (_forms.TryGetValue(key, out var form)) return form;
        var snapshot = await db.CatalogueSnapshots.AsNoTracking()
            .SingleOrDefaultAsync(s => s.CatalogueId == period.CatalogueId && s.Version == period.CatalogueVersion, ct)
            ?? throw new InvalidOperationException($"No catalogue snapshot {period.CatalogueId} {period.CatalogueVersion} for period {period.Month}.");
        form = new AssessmentForm(CatalogueLoader.Parse(snapshot.Json, $"snapshot {snapshot.CatalogueId} {snapshot.Version}"));
        return _forms.GetOrAdd(key, form);
    }

    /// <summary>Stores the current catalogue's text once per version, before a period refers to it (own unit of work).</summary>
    public async Task EnsureSnapshotAsync(BotDbContextFactory databases, DateTimeOffset now, CancellationToken ct)
    {
        var c = Current.Catalogue;
        if (_snapshotStored) return;
        await using var db = databases.Create();
        if (!await db.CatalogueSnapshots.AnyAsync(s => s.CatalogueId == c.Id && s.Version == c.Version, ct))
        {
            // The stored text is exactly the file that was validated at start-up.
            db.CatalogueSnapshots.Add(new CatalogueSnapshot { CatalogueId = c.Id, Version = c.Version, Json = CurrentJson, StoredAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Fine when another instance stored it first.
                if (!await db.CatalogueSnapshots.AsNoTracking().AnyAsync(s => s.CatalogueId == c.Id && s.Version == c.Version, ct)) throw;
            }
        }

        _snapshotStored = true;
    }
}
