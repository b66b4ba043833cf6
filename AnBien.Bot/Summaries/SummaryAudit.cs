using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Summaries;

/// <summary>Writes and lists the audit table: every summary viewed, workbook downloaded and refusal.</summary>
public sealed class SummaryAudit(TimeProvider clock)
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string NotFound = "not-found";

    public const string View = "summary.view";
    public const string Workbook = "summary.workbook";
    public const string Chart = "summary.chart";

    public static string ScopeOf(string unitCode, bool withSubunits, SummaryPeriod period) =>
        $"{unitCode}{(withSubunits ? "+" : "")} {period.Label}";

    public async Task WriteAsync(BotDbContext db, string actor, string action, string scope, string outcome, CancellationToken ct)
    {
        Stage(db, actor, action, scope, outcome);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the row to <paramref name="db"/>'s pending changes, to commit with whatever it records (e.g. a queued message).</summary>
    public void Stage(BotDbContext db, string actor, string action, string scope, string outcome) =>
        db.Audit.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = action, Scope = scope, Outcome = outcome });

    public static Task<List<AuditEntry>> ListAsync(BotDbContext db, DateTimeOffset? since, CancellationToken ct)
    {
        var query = db.Audit.AsNoTracking();
        if (since is { } from) query = query.Where(a => a.At >= from);
        return query.OrderBy(a => a.Id).ToListAsync(ct);
    }
}
