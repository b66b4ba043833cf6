using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Reports;

/// <summary>
/// Computes the yearly or milestone report with grouped queries: roster months per person and unit, breaches per person
/// and unit; the only row-level reads are one short row per person and month submitted (each month's classification
/// is in the report) and the good deeds, which are few. No answer row leaves the database.
/// </summary>
public sealed class YearlyReportService(CatalogueRegistry catalogues)
{
    /// <summary>The report, or null when no unit has that code. A null code is the whole organisation.</summary>
    public async Task<YearlyReport?> ComputeAsync(BotDbContext db, string? unitCode, bool withSubunits, SummaryPeriod period, CancellationToken ct)
    {
        var tree = await UnitTree.LoadAsync(db, ct);
        if (tree.Roots.Count == 0) return null;
        UnitTree.Node unit;
        if (unitCode is null)
        {
            unit = tree.Roots[0];
            withSubunits = true;
        }
        else if (!tree.TryFind(unitCode, out unit))
        {
            return null;
        }

        var unitIds = withSubunits ? tree.SelfAndDescendants(unit.Id) : [unit.Id];
        var scope = unitIds.Count == tree.Count ? null : unitIds;

        var months = period.Months;
        var periods = await db.Periods.AsNoTracking().Where(p => months.Contains(p.Month)).OrderBy(p => p.Month).ToListAsync(ct);
        var periodIds = periods.Select(p => p.Id).ToList();
        var monthOf = periods.ToDictionary(p => p.Id, p => p.Month);
        var forms = new Dictionary<int, AssessmentForm>();
        foreach (var p in periods) forms[p.Id] = await catalogues.FormForAsync(db, p, ct);
        var latest = periods.Count > 0 ? forms[periods[^1].Id] : catalogues.Current;

        var submitted = db.Assessments.AsNoTracking().Where(a => periodIds.Contains(a.PeriodId) && a.Status == AssessmentStatus.Submitted);
        var roster = db.Roster.AsNoTracking().Where(r => periodIds.Contains(r.PeriodId));
        if (scope is not null)
        {
            submitted = submitted.Where(a => scope.Contains(a.UnitId));
            roster = roster.Where(r => scope.Contains(r.UnitId));
        }

        // Expected = submitted + on the roster without a submission, per person and month, as the summaries count it
        // (the roster row's mark, Storage/RosterEntry.cs).
        var missed = await roster
            .Where(r => !r.Submitted)
            .GroupBy(r => new { r.StaffId, r.UnitId })
            .Select(g => new { g.Key.StaffId, g.Key.UnitId, Count = g.Count(), Last = g.Max(r => r.PeriodId) })
            .ToListAsync(ct);
        var rows = await submitted
            .Select(a => new { a.StaffId, a.PeriodId, a.UnitId, a.TotalPoints, a.MaxPoints, a.ProposedClassification, a.ConfirmedClassification })
            .ToListAsync(ct);
        var breachCodes = forms.Values.SelectMany(f => f.Questions).Where(q => q.Item.Breach).Select(q => q.Item.Code).Distinct().ToList();
        var breaches = await (
                from x in db.Answers.AsNoTracking()
                join a in submitted on x.AssessmentId equals a.Id
                where breachCodes.Contains(x.ItemCode) && x.Points < 0
                group x by new { a.StaffId, a.UnitId } into g
                select new { g.Key.StaffId, g.Key.UnitId, Count = g.Count() })
            .ToListAsync(ct);
        var goodDeeds = await submitted.Where(a => a.GoodDeed != null)
            .Select(a => new { a.PeriodId, a.UnitId, a.StaffId, GroupCode = (string?)null, Text = a.GoodDeed! })
            .ToListAsync(ct);
        var notes = await (
                from n in db.GroupNotes.AsNoTracking()
                join a in submitted on n.AssessmentId equals a.Id
                select new { a.PeriodId, a.UnitId, a.StaffId, GroupCode = (string?)n.GroupCode, n.Text })
            .ToListAsync(ct);

        var staffIds = missed.Select(m => m.StaffId).Concat(rows.Select(r => r.StaffId)).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Code, s.FullName }).ToDictionaryAsync(s => s.Id, ct);

        // The person's unit: where their latest month in the range was, submitted or not.
        var unitOf = rows.Select(r => (r.StaffId, r.PeriodId, r.UnitId)).Concat(missed.Select(m => (m.StaffId, PeriodId: m.Last, m.UnitId)))
            .GroupBy(x => x.StaffId)
            .ToDictionary(g => g.Key, g => tree.CodeOf(g.MaxBy(x => monthOf[x.PeriodId])!.UnitId));

        var names = new DeedNames(staff.Values.Select(s => (s.Code, s.FullName, unitOf[s.Id])));
        var deeds = goodDeeds.Concat(notes)
            .Select(d => new NamedDeed(monthOf[d.PeriodId], staff[d.StaffId].Code, staff[d.StaffId].FullName, tree.CodeOf(d.UnitId), d.GroupCode, d.Text,
                names.In(d.Text, staff[d.StaffId].Code, tree.CodeOf(d.UnitId))))
            .OrderBy(d => d.Month, StringComparer.Ordinal).ThenBy(d => d.UnitCode, StringComparer.Ordinal).ThenBy(d => d.AuthorCode, StringComparer.Ordinal)
            .ToList();

        // Lookups, not a scan per person: a province has a hundred thousand people.
        var rowsOf = rows.ToLookup(r => r.StaffId);
        var missedOf = missed.ToLookup(m => m.StaffId);
        var breachesOf = breaches.ToLookup(b => b.StaffId);
        var deedsOf = deeds.ToLookup(d => d.AuthorCode, StringComparer.Ordinal);
        var namingOf = deeds.SelectMany(d => d.Named.Select(code => (code, d))).ToLookup(x => x.code, x => x.d, StringComparer.Ordinal);
        var people = staff.Values.Select(s =>
            {
                var own = rowsOf[s.Id].OrderBy(r => monthOf[r.PeriodId], StringComparer.Ordinal).ToList();
                var percents = own.Where(r => r.MaxPoints is > 0).Select(r => 100m * (r.TotalPoints ?? 0) / r.MaxPoints!.Value).ToList();
                return new PersonYear
                {
                    Code = s.Code,
                    FullName = s.FullName,
                    UnitCode = unitOf[s.Id],
                    MonthsExpected = own.Count + missedOf[s.Id].Sum(m => m.Count),
                    AveragePercent = percents.Count == 0 ? null : Round(percents.Average()),
                    Months = own.Select(r => Month(forms[r.PeriodId], monthOf[r.PeriodId], r.TotalPoints, r.MaxPoints, r.ProposedClassification, r.ConfirmedClassification)).ToList(),
                    Breaches = breachesOf[s.Id].Sum(b => b.Count),
                    Deeds = deedsOf[s.Code].ToList(),
                    NamedIn = namingOf[s.Code].ToList(),
                };
            })
            .OrderBy(p => p.UnitCode, StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();

        var units = new List<UnitYear>();
        var nodes = tree.Nodes.ToDictionary(n => n.Id);
        var rowsIn = rows.ToLookup(r => r.UnitId);
        var missedIn = missed.ToLookup(m => m.UnitId);
        var breachesIn = breaches.ToLookup(b => b.UnitId);
        var deedsIn = goodDeeds.Select(d => d.UnitId).Concat(notes.Select(n => n.UnitId)).ToLookup(u => u);
        foreach (var id in PreOrder(tree, unit.Id, withSubunits))
        {
            var node = nodes[id];
            var own = rowsIn[id].ToList();
            var percents = own.Where(r => r.MaxPoints is > 0).Select(r => 100m * (r.TotalPoints ?? 0) / r.MaxPoints!.Value).ToList();
            units.Add(new UnitYear(node.Code, node.Name, node.ParentId is { } parent ? tree.CodeOf(parent) : null,
                own.Count + missedIn[id].Sum(m => m.Count), own.Count,
                percents.Count == 0 ? null : Round(percents.Average()),
                breachesIn[id].Sum(b => b.Count),
                deedsIn[id].Count()));
        }

        return new YearlyReport
        {
            UnitCode = unit.Code,
            UnitName = unit.Name,
            WithSubunits = withSubunits,
            Period = period,
            MonthsHeld = periods.Select(p => p.Month).ToList(),
            AveragePercent = rows.Any(r => r.MaxPoints is > 0)
                ? Round(rows.Where(r => r.MaxPoints is > 0).Average(r => 100m * (r.TotalPoints ?? 0) / r.MaxPoints!.Value))
                : null,
            Levels = latest.Catalogue.Classification.Levels.Select(l => (l.Code, l.Label)).ToList(),
            People = people,
            Units = units,
            Deeds = deeds,
        };
    }

    private static MonthClassification Month(AssessmentForm form, string month, int? total, int? max, string? proposed, string? confirmed)
    {
        var levels = form.Catalogue.Classification.Levels;
        var code = confirmed ?? proposed ?? "";
        var rank = levels.ToList().FindIndex(l => l.Code == code);
        return new MonthClassification(month, max is > 0 ? Round(100m * (total ?? 0) / max.Value) : null, code,
            rank < 0 ? code : levels[rank].Label, confirmed is not null, rank < 0 ? levels.Count : rank);
    }

    /// <summary>The unit, then each sub-unit after its parent, in the order of the directory.</summary>
    private static IEnumerable<int> PreOrder(UnitTree tree, int unitId, bool withSubunits)
    {
        yield return unitId;
        if (!withSubunits) yield break;
        foreach (var child in tree.Children(unitId))
        {
            foreach (var id in PreOrder(tree, child.Id, true)) yield return id;
        }
    }

    private static decimal Round(decimal percent) => Math.Round(percent, 1, MidpointRounding.AwayFromZero);
}
