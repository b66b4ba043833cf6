using AnBien.Bot.Summaries;

namespace AnBien.Bot.Tests.Summaries;

/// <summary>The figures a summary must show, computed again from the generated rows with plain LINQ (no SQL, no service code).</summary>
public sealed class IndependentFigures
{
    public IndependentFigures(GeneratedOrganisation data, IReadOnlyCollection<string> unitCodes, IReadOnlyCollection<string> months)
    {
        var submissions = data.Submissions.Where(s => unitCodes.Contains(s.UnitCode) && months.Contains(s.Month)).ToList();
        var submittedKeys = data.Submissions.Select(s => (s.Month, s.StaffCode)).ToHashSet();
        NotSubmitted = data.Roster.Where(r => unitCodes.Contains(r.UnitCode) && months.Contains(r.Month) && !submittedKeys.Contains((r.Month, r.StaffCode)))
            .Select(r => r.StaffCode).Distinct().Order(StringComparer.Ordinal).ToList();
        NotSubmittedCount = data.Roster.Count(r => unitCodes.Contains(r.UnitCode) && months.Contains(r.Month) && !submittedKeys.Contains((r.Month, r.StaffCode)));
        Submitted = submissions.Count;
        Expected = Submitted + NotSubmittedCount;
        // Means of fractions summed as exact fractions per maximum (all share one here), so a true x.x5 is not read as x.x4999….
        AveragePercent = submissions.Count == 0 ? null : Round1(submissions.GroupBy(s => s.Max).Sum(g => 100m * g.Sum(s => s.Total) / g.Key) / submissions.Count);

        foreach (var group in data.Form.Groups)
        {
            var items = data.Form.Questions.Where(q => q.Group.Code == group.Code && !q.Item.Breach).ToList();
            var max = items.Sum(q => q.Scale.MaxPoints);
            Groups[group.Code] = submissions.Count == 0 || max == 0
                ? null
                : Round1(100m * submissions.Sum(s => items.Sum(q => s.Points.GetValueOrDefault(q.Item.Code))) / (max * submissions.Count));
        }

        foreach (var q in data.Form.Questions)
        {
            var points = submissions.Select(s => s.Points[q.Item.Code]).ToList();
            Items[q.Item.Code] = (
                points.Count == 0 ? null : Math.Round((decimal)points.Average(), 2, MidpointRounding.AwayFromZero),
                q.Item.Breach ? 0 : points.Count(p => p == 0),
                q.Item.Breach ? points.Count(p => p < 0) : 0);
        }

        Proposed = submissions.GroupBy(s => s.Proposed).ToDictionary(g => g.Key, g => g.Count());
        Confirmed = submissions.Where(s => s.Confirmed != null).GroupBy(s => s.Confirmed!).ToDictionary(g => g.Key, g => g.Count());
        GoodDeeds = submissions.Count(s => s.GoodDeed != null);
    }

    public int Expected { get; }
    public int Submitted { get; }
    public int NotSubmittedCount { get; }
    public List<string> NotSubmitted { get; }
    public decimal? AveragePercent { get; }
    public Dictionary<string, decimal?> Groups { get; } = [];
    public Dictionary<string, (decimal? Average, int NotDone, int Breaches)> Items { get; } = [];
    public Dictionary<string, int> Proposed { get; }
    public Dictionary<string, int> Confirmed { get; }
    public int GoodDeeds { get; }

    /// <summary>Asserts every figure of <paramref name="summary"/> equals this calculation.</summary>
    public void AssertMatches(UnitSummary summary)
    {
        Assert.Equal(Expected, summary.Expected);
        Assert.Equal(Submitted, summary.Submitted);
        Assert.Equal(NotSubmitted, summary.NotSubmitted.Select(n => n.Code).Distinct().Order(StringComparer.Ordinal).ToList());
        Assert.Equal(AveragePercent, summary.AveragePercent);
        Assert.Equal(Groups, summary.Groups.ToDictionary(g => g.Code, g => g.AveragePercent));
        Assert.Equal(Items, summary.Items.ToDictionary(i => i.Code, i => (i.AveragePoints, i.NotDoneCount, i.BreachCount)));
        Assert.Equal(Proposed, summary.Classifications.Where(c => c.Proposed > 0).ToDictionary(c => c.Code, c => c.Proposed));
        Assert.Equal(Confirmed, summary.Classifications.Where(c => c.Confirmed > 0).ToDictionary(c => c.Code, c => c.Confirmed));
        Assert.Equal(GoodDeeds, summary.GoodDeeds.Count(d => d.GroupCode is null));
    }

    private static decimal Round1(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
