using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AnBien.Bot.Summaries;

/// <summary>
/// Computes a unit's summary in the database with grouped queries over the tallies (per period, unit and item; per
/// period, unit and maximum) and the assessments (per classification, the lists). Nothing reads every answer, so a
/// province-wide year sums thousands of tally rows, not millions of answers.
/// </summary>
public sealed class SummaryService(CatalogueRegistry catalogues, IMemoryCache cache, TimeProvider clock)
{
    /// <summary>The organisation's figures of a closed period never change; those of an open one are recomputed after a minute.</summary>
    private static readonly TimeSpan ClosedOrganisationLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan OpenOrganisationLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The unit's summary with its previous period in full, or null when no unit has that code.</summary>
    public Task<UnitSummary?> ComputeAsync(BotDbContext db, string unitCode, bool withSubunits, SummaryPeriod period, CancellationToken ct) =>
        ComputeAsync(db, unitCode, withSubunits, period, previousLists: true, ct);

    /// <summary>
    /// The unit's summary, or null when no unit has that code. The previous period's lists (not submitted, good deeds)
    /// are read only when <paramref name="previousLists"/>: the JSON repeats every key under "previous", while the chat
    /// reply, the workbook and the push at close show only its figures. On the organisation's year the lists are most
    /// of the work (BENCHMARKS.md, "Summaries").
    /// </summary>
    public async Task<UnitSummary?> ComputeAsync(BotDbContext db, string unitCode, bool withSubunits, SummaryPeriod period, bool previousLists,
        CancellationToken ct)
    {
        var tree = await UnitTree.LoadAsync(db, ct);
        if (!tree.TryFind(unitCode, out var unit)) return null;
        var unitIds = withSubunits ? tree.SelfAndDescendants(unit.Id) : [unit.Id];
        var wholeOrganisation = withSubunits && unit.ParentId is null && tree.Count == unitIds.Count;
        var scope = wholeOrganisation ? null : unitIds;

        var summary = await FiguresAsync(db, tree, unit, withSubunits, period, scope, ct);
        var previousPeriod = period.Previous();
        var previous = await FiguresAsync(db, tree, unit, withSubunits, previousPeriod, scope, ct, lists: previousLists);
        var organisation = wholeOrganisation
            ? new OrganisationFigures(summary.Expected, summary.Submitted, summary.AveragePercent, summary.Groups)
            : await OrganisationAsync(db, tree, period, ct);
        return summary with
        {
            Previous = previous.MonthsHeld.Count == 0 ? null : previous,
            Organisation = organisation,
            Collective = await CollectiveAsync(db, tree, period, unitIds, ct),
            Campaigns = await AnBien.Bot.Campaigns.CampaignStore.FiguresAsync(db, await PeriodsAsync(db, period, ct), scope, ct),
        };
    }

    /// <summary>The submitted collective assessments of the units in scope, month by month.</summary>
    private static async Task<List<CollectiveFigure>> CollectiveAsync(BotDbContext db, UnitTree tree, SummaryPeriod period, IReadOnlyList<int> unitIds,
        CancellationToken ct)
    {
        var months = period.Months;
        var rows = await db.UnitAssessments.AsNoTracking()
            .Where(a => a.Status == AssessmentStatus.Submitted && months.Contains(a.Period!.Month) && unitIds.Contains(a.UnitId))
            .Select(a => new { a.UnitId, a.Period!.Month, Points = a.TotalPoints ?? 0, Max = a.MaxPoints ?? 0 })
            .ToListAsync(ct);
        return rows
            .Select(r => new CollectiveFigure(tree.CodeOf(r.UnitId), tree.NameOf(r.UnitId), r.Month, r.Points, r.Max, r.Max == 0 ? 0 : Round(100m * r.Points / r.Max)))
            .OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.UnitCode, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<OrganisationFigures> OrganisationAsync(BotDbContext db, UnitTree tree, SummaryPeriod period, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = ("summary.organisation", period.First, period.Last);
        if (cache.TryGetValue(key, out OrganisationFigures? cached) && cached is not null) return cached;
        var periods = await PeriodsAsync(db, period, ct);
        var figures = await FiguresAsync(db, tree, tree.Roots[0], true, period, null, ct, lists: false);
        var organisation = new OrganisationFigures(figures.Expected, figures.Submitted, figures.AveragePercent, figures.Groups);
        var closed = periods.All(p => p.ClosedAt != null || p.ClosesAt <= now);
        cache.Set(key, organisation, closed ? ClosedOrganisationLifetime : OpenOrganisationLifetime);
        return organisation;
    }

    private static Task<List<Period>> PeriodsAsync(BotDbContext db, SummaryPeriod period, CancellationToken ct)
    {
        var months = period.Months;
        return db.Periods.AsNoTracking().Where(p => months.Contains(p.Month)).OrderBy(p => p.Month).ToListAsync(ct);
    }

    private async Task<UnitSummary> FiguresAsync(BotDbContext db, UnitTree tree, UnitTree.Node unit, bool withSubunits, SummaryPeriod period,
        IReadOnlyList<int>? unitIds, CancellationToken ct, bool lists = true)
    {
        var periods = await PeriodsAsync(db, period, ct);
        var periodIds = periods.Select(p => p.Id).ToList();
        var forms = new Dictionary<int, AssessmentForm>();
        foreach (var p in periods) forms[p.Id] = await catalogues.FormForAsync(db, p, ct);
        var months = periods.ToDictionary(p => p.Id, p => p.Month);

        var submitted = db.Assessments.AsNoTracking().Where(a => periodIds.Contains(a.PeriodId) && a.Status == AssessmentStatus.Submitted);
        // The roster's mark says whether the person submitted, wherever the assessment was filed (Storage/RosterEntry.cs).
        var roster = db.Roster.AsNoTracking().Where(r => periodIds.Contains(r.PeriodId) && !r.Submitted);
        if (unitIds is not null)
        {
            submitted = submitted.Where(a => unitIds.Contains(a.UnitId));
            roster = roster.Where(r => unitIds.Contains(r.UnitId));
        }

        // The aggregates come from the tallies (Summaries/Tallies), kept equal to the submitted answers by every save
        // that changes them; the lists below still read the assessments themselves.
        var submissionTallies = db.SubmissionTallies.AsNoTracking().Where(t => periodIds.Contains(t.PeriodId));
        var itemTallies = db.ItemTallies.AsNoTracking().Where(t => periodIds.Contains(t.PeriodId));
        if (unitIds is not null)
        {
            submissionTallies = submissionTallies.Where(t => unitIds.Contains(t.UnitId));
            itemTallies = itemTallies.Where(t => unitIds.Contains(t.UnitId));
        }

        // Everyone's percent is their points over their own maximum; grouping by the maximum keeps the mean exact.
        var totals = await submissionTallies
            .GroupBy(t => new { t.PeriodId, t.MaxPoints })
            .Select(g => new { g.Key.PeriodId, g.Key.MaxPoints, Count = g.Sum(t => t.Submitted), Points = g.Sum(t => t.Points) })
            .ToListAsync(ct);
        var submitters = totals.GroupBy(t => t.PeriodId).ToDictionary(g => g.Key, g => g.Sum(t => t.Count));
        var submittedCount = submitters.Values.Sum();
        decimal? average = submittedCount == 0
            ? null
            : Round(totals.Where(t => t.MaxPoints > 0).Sum(t => 100m * t.Points / t.MaxPoints) / submittedCount);

        // The whole organisation has its own per-item rows, already summed over the units.
        var perItem = unitIds is null
            ? await db.OrganisationItemTallies.AsNoTracking().Where(t => periodIds.Contains(t.PeriodId))
                .Select(t => new { t.PeriodId, t.ItemCode, t.Points, t.Zero, t.Negative })
                .ToListAsync(ct)
            : await itemTallies
                .GroupBy(t => new { t.PeriodId, t.ItemCode })
                .Select(g => new
                {
                    g.Key.PeriodId,
                    g.Key.ItemCode,
                    Points = g.Sum(t => t.Points),
                    Zero = g.Sum(t => t.Zero),
                    Negative = g.Sum(t => t.Negative),
                })
                .ToListAsync(ct);

        var current = forms.Count > 0 ? forms[periods[^1].Id] : catalogues.Current;
        var groups = GroupFigures(current, forms, submitters, perItem.Select(i => (i.PeriodId, i.ItemCode, i.Points)).ToList());
        var items = new List<ItemFigure>();
        foreach (var q in current.Questions)
        {
            var rows = perItem.Where(i => string.Equals(i.ItemCode, q.Item.Code, StringComparison.OrdinalIgnoreCase)).ToList();
            var asked = forms.Where(f => f.Value.ByCode.ContainsKey(q.Item.Code)).Sum(f => submitters.GetValueOrDefault(f.Key));
            decimal? avg = asked == 0 ? null : Round2((decimal)rows.Sum(r => r.Points) / asked);
            items.Add(new ItemFigure(q.Item.Code, q.Item.Text, q.Group.Code, q.Item.Breach, avg,
                q.Item.Breach ? 0 : rows.Sum(r => r.Zero), q.Item.Breach ? rows.Sum(r => r.Negative) : 0));
        }

        // One read for both counts: the tallies per pair (proposed, confirmed), summed per level on either side.
        var classificationTallies = db.ClassificationTallies.AsNoTracking().Where(t => periodIds.Contains(t.PeriodId));
        if (unitIds is not null) classificationTallies = classificationTallies.Where(t => unitIds.Contains(t.UnitId));
        var classified = await classificationTallies
            .GroupBy(t => new { t.Proposed, t.Confirmed })
            .Select(g => new { g.Key.Proposed, g.Key.Confirmed, Count = g.Sum(t => t.Count) })
            .ToListAsync(ct);
        var classifications = current.Catalogue.Classification.Levels
            .Select(l => new ClassificationCount(l.Code, l.Label,
                classified.Where(c => c.Proposed == l.Code).Sum(c => c.Count),
                classified.Where(c => c.Confirmed == l.Code).Sum(c => c.Count)))
            .ToList();

        var empty = new UnitSummary
        {
            UnitCode = unit.Code,
            UnitName = unit.Name,
            WithSubunits = withSubunits,
            Period = period,
            MonthsHeld = periods.Select(p => p.Month).ToList(),
            Submitted = submittedCount,
            NotSubmitted = [],
            AveragePercent = average,
            Groups = groups,
            Items = items,
            Classifications = classifications,
            GoodDeeds = [],
        };
        if (!lists) return empty with { UnlistedNotSubmittedCount = await roster.CountAsync(ct) };

        var notSubmitted = await roster
            .Select(r => new { r.PeriodId, r.UnitId, r.Staff!.Code, r.Staff.FullName })
            .ToListAsync(ct);

        var deeds = await submitted.Where(a => a.GoodDeed != null)
            .Select(a => new { a.PeriodId, a.UnitId, a.Staff!.Code, a.Staff.FullName, GroupCode = (string?)null, Text = a.GoodDeed! })
            .ToListAsync(ct);
        var notes = await (
                from n in db.GroupNotes.AsNoTracking()
                join a in submitted on n.AssessmentId equals a.Id
                select new { a.PeriodId, a.UnitId, a.Staff!.Code, a.Staff.FullName, GroupCode = (string?)n.GroupCode, n.Text })
            .ToListAsync(ct);

        return empty with
        {
            NotSubmitted = notSubmitted
                .Select(r => new StaffEntry(r.Code, r.FullName, tree.CodeOf(r.UnitId), months[r.PeriodId]))
                .OrderBy(e => e.UnitCode, StringComparer.Ordinal).ThenBy(e => e.Code, StringComparer.Ordinal).ThenBy(e => e.Month, StringComparer.Ordinal)
                .ToList(),
            GoodDeeds = deeds.Concat(notes)
                .Select(d => new GoodDeedEntry(d.Code, d.FullName, tree.CodeOf(d.UnitId), months[d.PeriodId], d.GroupCode, d.Text))
                .OrderBy(d => d.Month, StringComparer.Ordinal).ThenBy(d => d.UnitCode, StringComparer.Ordinal).ThenBy(d => d.StaffCode, StringComparer.Ordinal)
                .ToList(),
        };
    }

    /// <summary>
    /// A group's maximum is the same for everyone assessed on one catalogue version, so the mean of each person's
    /// share equals the group's points over (submitters × maximum), summed over the periods.
    /// </summary>
    private static List<GroupFigure> GroupFigures(AssessmentForm current, Dictionary<int, AssessmentForm> forms, Dictionary<int, int> submitters,
        List<(int PeriodId, string ItemCode, int Points)> perItem)
    {
        var result = new List<GroupFigure>();
        foreach (var group in current.Groups)
        {
            decimal share = 0;
            var people = 0;
            foreach (var (periodId, form) in forms)
            {
                var count = submitters.GetValueOrDefault(periodId);
                var questions = form.Questions.Where(q => q.Group.Code == group.Code && !q.Item.Breach).ToList();
                var max = questions.Sum(q => q.Scale.MaxPoints);
                if (count == 0 || max == 0) continue;
                var codes = questions.Select(q => q.Item.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var points = perItem.Where(i => i.PeriodId == periodId && codes.Contains(i.ItemCode)).Sum(i => i.Points);
                share += 100m * points / max;
                people += count;
            }

            result.Add(new GroupFigure(group.Code, group.Letter, group.Title, people == 0 ? null : Round(share / people)));
        }

        return result;
    }

    private static decimal Round(decimal percent) => Math.Round(percent, 1, MidpointRounding.AwayFromZero);

    private static decimal Round2(decimal points) => Math.Round(points, 2, MidpointRounding.AwayFromZero);
}
