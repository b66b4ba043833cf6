using System.Collections.Concurrent;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Assessment;

/// <summary>
/// Holds the catalogues (loaded and checked at start-up), picks those in force for a new period, and gives the form
/// of any period or assessment: older ones are read from the snapshot stored when their period was opened.
/// </summary>
public sealed class CatalogueRegistry
{
    private readonly ConcurrentDictionary<(string, string), AssessmentForm> _forms = new();
    private readonly ConcurrentDictionary<(string, string), bool> _snapshotStored = new();
    private readonly Dictionary<(string, string), string> _json = [];

    public CatalogueRegistry(IOptions<CatalogueOptions> options, IHostEnvironment environment, TimeProvider clock)
    {
        var loaded = new List<AssessmentForm>();
        foreach (var path in options.Value.Paths(out _).SelectMany(p => Expand(Resolve(p, environment))))
        {
            var json = File.ReadAllText(path);
            var form = new AssessmentForm(CatalogueLoader.Parse(json, path));
            var key = (form.Catalogue.Id, form.Catalogue.Version);
            if (!_json.TryAdd(key, json)) throw new CatalogueException(path, "$.version", $"catalogue {form.Catalogue.Key} is also in another file");
            _forms[key] = form;
            loaded.Add(form);
        }

        All = loaded.OrderBy(f => f.Catalogue.EffectiveFrom).Select(f => f.Catalogue).ToList();
        if (All.All(c => c.Categories.Count > 0))
        {
            throw new CatalogueException(string.Join(", ", options.Value.Paths(out _)), "the catalogues", "none is for everyone (each names categories)");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (current, _) = InForce(today, orEarliest: true);
        Current = _forms[(current.Id, current.Version)];
    }

    /// <summary>Every catalogue loaded, oldest first.</summary>
    public IReadOnlyList<Catalogue> All { get; }

    /// <summary>The catalogue for everyone in force today (or, before any is, the earliest): labels and counts of the current month.</summary>
    public AssessmentForm Current { get; }

    /// <summary>
    /// The catalogues a period opening on <paramref name="day"/> runs with: the one for everyone, and for each staff
    /// category the latest that names it. When two of the same kind are in force, the later effectiveFrom wins.
    /// </summary>
    public (Catalogue General, IReadOnlyList<Catalogue> Variants) InForce(DateOnly day, bool orEarliest = false)
    {
        var inForce = All.Where(c => c.IsInForceOn(day)).ToList();
        var general = inForce.LastOrDefault(c => c.Categories.Count == 0)
            ?? (orEarliest ? All.First(c => c.Categories.Count == 0) : null)
            ?? throw new CatalogueException("the catalogues", day.ToString("yyyy-MM-dd"), "no catalogue for everyone is in force on that day");
        var variants = StaffCategory.All
            .Select(category => inForce.LastOrDefault(c => c.Categories.Contains(category)))
            .OfType<Catalogue>()
            .Distinct()
            .ToList();
        return (general, variants);
    }

    /// <summary>The form of the period's catalogue for everyone.</summary>
    public Task<AssessmentForm> FormForAsync(BotDbContext db, Period period, CancellationToken ct) =>
        FormForAsync(db, period.CatalogueId, period.CatalogueVersion, ct);

    /// <summary>The form the assessment is answered on: its own catalogue variant, or its period's.</summary>
    public Task<AssessmentForm> FormForAsync(BotDbContext db, Storage.Assessment a, CancellationToken ct) =>
        a.CatalogueId is { } id && a.CatalogueVersion is { } version
            ? FormForAsync(db, id, version, ct)
            : FormForAsync(db, a.Period ?? throw new InvalidOperationException("The assessment's period is not loaded."), ct);

    /// <summary>
    /// The catalogue a person of this category answers in the period: the variant the period recorded for the category,
    /// or null for the period's catalogue for everyone.
    /// </summary>
    public async Task<Catalogue?> VariantForAsync(BotDbContext db, Period period, string? category, CancellationToken ct)
    {
        if (category is null || period.CatalogueVariants is null) return null;
        foreach (var key in period.CatalogueVariants.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = key.LastIndexOf('@');
            var form = await FormForAsync(db, key[..at], key[(at + 1)..], ct);
            if (form.Catalogue.Categories.Contains(category)) return form.Catalogue;
        }

        return null;
    }

    public async Task<AssessmentForm> FormForAsync(BotDbContext db, string catalogueId, string version, CancellationToken ct)
    {
        var key = (catalogueId, version);
        if (_forms.TryGetValue(key, out var form)) return form;
        var snapshot = await db.CatalogueSnapshots.AsNoTracking()
            .SingleOrDefaultAsync(s => s.CatalogueId == catalogueId && s.Version == version, ct)
            ?? throw new InvalidOperationException($"No catalogue snapshot {catalogueId} {version}.");
        form = new AssessmentForm(CatalogueLoader.Parse(snapshot.Json, $"snapshot {snapshot.CatalogueId} {snapshot.Version}"));
        return _forms.GetOrAdd(key, form);
    }

    /// <summary>Stores each catalogue's text once per version, before a period refers to it (own unit of work).</summary>
    public async Task EnsureSnapshotsAsync(BotDbContextFactory databases, IEnumerable<Catalogue> catalogues, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var c in catalogues)
        {
            var key = (c.Id, c.Version);
            if (_snapshotStored.ContainsKey(key)) continue;
            await using var db = databases.Create();
            if (!await db.CatalogueSnapshots.AnyAsync(s => s.CatalogueId == c.Id && s.Version == c.Version, ct))
            {
                // The stored text is exactly the file that was validated at start-up.
                db.CatalogueSnapshots.Add(new CatalogueSnapshot { CatalogueId = c.Id, Version = c.Version, Json = _json[key], StoredAt = now });
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

            _snapshotStored[key] = true;
        }
    }

    private static string Resolve(string path, IHostEnvironment environment)
    {
        if (Path.IsPathRooted(path)) return path;
        var besideApp = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideApp) || System.IO.Directory.Exists(besideApp) ? besideApp : Path.Combine(environment.ContentRootPath, path);
    }

    private static List<string> Expand(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            var files = System.IO.Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
            return files.Count > 0 ? files : throw new CatalogueException(path, "the folder", "it holds no *.json catalogue");
        }

        return File.Exists(path) ? [path] : throw new CatalogueException(path, "the file", "it does not exist");
    }
}
