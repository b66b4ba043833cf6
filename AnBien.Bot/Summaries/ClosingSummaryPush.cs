using System.Globalization;
using AnBien.Bot.Announcements;
using AnBien.Bot.Conversations;
using AnBien.Bot.Schedule;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Summaries;

/// <summary>
/// When a period closes, each unit head gets their unit's summary and the council the organisation's, with units
/// ranked by participation and average (issue 10, "Pushed at close"). Each is an announcement of its own with an
/// occurrence key per period and recipient, so a repeated hook (a crash before the closing notice, two instances)
/// queues nothing twice, and the delivery workers send each exactly once.
/// </summary>
public sealed partial class ClosingSummaryPush(
    BotDbContextFactory databases,
    SummaryDesk desk,
    SummaryService summaries,
    AnnouncementService announcements,
    AudienceResolver audiences,
    TextCatalog texts,
    TimeProvider clock,
    ILogger<ClosingSummaryPush> logger) : IPeriodClosedHandler
{
    public const string Action = "summary.push";

    private static readonly AnnouncementAudience Council = new(AudienceKind.Roles, ["council"]);

    public static string HeadKey(string month, int staffId) => $"summary@{month}#{staffId.ToString(CultureInfo.InvariantCulture)}";

    public static string CouncilKey(string month) => $"summary@{month}#council";

    public async Task OnPeriodClosedAsync(Period period, CancellationToken ct)
    {
        await using var db = databases.Create();
        var range = SummaryPeriod.Parse(period.Month);
        var heads = await db.Staff.AsNoTracking().Include(s => s.Unit)
            .Where(s => s.Active && (s.Roles & StaffRoles.UnitHead) != 0)
            .OrderBy(s => s.Id).ToListAsync(ct);
        var queued = 0;
        foreach (var head in heads)
        {
            var key = HeadKey(period.Month, head.Id);
            if (head.Unit is null || await db.Announcements.AnyAsync(a => a.OccurrenceKey == key, ct)) continue;
            var outcome = await desk.ForAsync(db, head, new SummaryRequest(head.Unit.Code, true, range), Action, ct);
            if (outcome.Summary is not { } summary) continue;
            var recipients = await audiences.ReachAsync(db, [head.Id], clock.GetUtcNow(), ct);
            await announcements.EnqueueAsync(db, Draft(period, key, l => SummaryText.Render(texts, l, summary), AnnouncementAudience.Parse($"staff:{head.Code}")), recipients, ct);
            queued++;
        }

        if (!await db.Announcements.AnyAsync(a => a.OccurrenceKey == CouncilKey(period.Month), ct))
        {
            var tree = await UnitTree.LoadAsync(db, ct);
            var organisation = await summaries.ComputeAsync(db, tree.Roots[0].Code, true, range, previousLists: false, ct);
            var ranked = await RankUnitsAsync(db, tree, range, ct);
            var recipients = await audiences.ResolveAsync(db, Council, clock.GetUtcNow(), ct);
            await announcements.EnqueueAsync(db, Draft(period, CouncilKey(period.Month), l => CouncilText(l, organisation!, ranked), Council), recipients, ct);
            queued++;
        }

        LogQueued(logger, period.Month, queued);
    }

    private AnnouncementDraft Draft(Period period, string key, Func<string, string> render, AnnouncementAudience audience) =>
        new(render(TextCatalog.Vietnamese), audience, RhythmNotice.CreatedBy)
        {
            Kind = AnnouncementKind.ClosingSummary,
            TextEnglish = render(TextCatalog.English),
            PeriodId = period.Id,
            OccurrenceKey = key,
        };

    /// <summary>Every unit on its own (without sub-units), those expected to answer, by participation then average.</summary>
    private async Task<IReadOnlyList<UnitSummary>> RankUnitsAsync(BotDbContext db, UnitTree tree, SummaryPeriod range, CancellationToken ct)
    {
        var units = new List<UnitSummary>();
        foreach (var node in tree.Roots.SelectMany(r => tree.SelfAndDescendants(r.Id)).Distinct())
        {
            if (await summaries.ComputeAsync(db, tree.CodeOf(node), false, range, previousLists: false, ct) is { Expected: > 0 } unit) units.Add(unit);
        }

        return units
            .OrderByDescending(u => (decimal)u.Submitted / u.Expected)
            .ThenByDescending(u => u.AveragePercent ?? -1)
            .ThenBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToList();
    }

    private string CouncilText(string language, UnitSummary organisation, IReadOnlyList<UnitSummary> ranked)
    {
        var culture = TextCatalog.Culture(language);
        var lines = new List<string> { SummaryText.Render(texts, language, organisation), texts.Get(language, "summary.push.council.title") };
        lines.AddRange(ranked.Select((u, i) => texts.Get(language, "summary.push.council.unit", ("rank", i + 1), ("unit", u.UnitName),
            ("submitted", u.Submitted), ("expected", u.Expected), ("percent", u.AveragePercent?.ToString("0.#", culture) ?? "—"))));
        return string.Join("\n", lines);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing summaries for {Month}: {Count} queued")]
    private static partial void LogQueued(ILogger logger, string month, int count);
}
