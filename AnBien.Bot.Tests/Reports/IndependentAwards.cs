using AnBien.Bot.Reports;

namespace AnBien.Bot.Tests.Reports;

/// <summary>
/// The award rules computed again from the generated lists alone (LINQ over what was generated, none of the
/// service's code): each person's months, breaches, confirmed months at "Hoàn thành tốt" or better, and their unit's
/// participation, then who passes every rule and who fails at most the near-miss count.
/// </summary>
public sealed class IndependentAwards
{
    private static readonly string[] GoodOrBetter = ["HTXSNV", "HTTNV"];

    public IndependentAwards(GeneratedYear data, AwardOptions rules)
    {
        var unitOf = data.Roster.GroupBy(r => r.StaffCode).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Month)!.UnitCode);
        var participation = data.Roster.GroupBy(r => r.UnitCode).ToDictionary(g => g.Key, g =>
        {
            var submitted = data.Submissions.Count(s => s.UnitCode == g.Key);
            var missed = g.Count(r => !data.Submissions.Any(s => s.StaffCode == r.StaffCode && s.Month == r.Month));
            return Math.Round(100m * submitted / (submitted + missed), 1, MidpointRounding.AwayFromZero);
        });

        // In the order the lists are given: by unit, then by staff code.
        foreach (var code in unitOf.Keys.OrderBy(c => unitOf[c], StringComparer.Ordinal).ThenBy(c => c, StringComparer.Ordinal))
        {
            var own = data.Submissions.Where(s => s.StaffCode == code).ToList();
            var person = new Person(code, unitOf[code], own.Count, own.Sum(s => s.Breaches),
                string.Join(",", own.Where(s => s.Confirmed is { } c && GoodOrBetter.Contains(c)).Select(s => s.Month).Order(StringComparer.Ordinal)),
                participation[unitOf[code]]);
            var failed = (person.Months < rules.MinMonthsSubmitted ? 1 : 0) + (person.Breaches > rules.MaxBreaches ? 1 : 0)
                + (GoodCount(person) < rules.MinMonthsAtLevel ? 1 : 0) + (person.UnitParticipation < rules.MinUnitParticipationPercent ? 1 : 0);
            if (failed == 0) Candidates.Add(person);
            else if (failed <= rules.NearMissMaxFailedRules) NearMisses.Add(person);
            else Others.Add(person);
        }
    }

    public List<Person> Candidates { get; } = [];
    public List<Person> NearMisses { get; } = [];
    public List<Person> Others { get; } = [];

    /// <summary>GoodMonths: the confirmed months at "Hoàn thành tốt" or better, comma-separated (a string, so records compare by value).</summary>
    public sealed record Person(string Code, string UnitCode, int Months, int Breaches, string GoodMonths, decimal UnitParticipation);

    private static int GoodCount(Person person) => person.GoodMonths.Length == 0 ? 0 : person.GoodMonths.Split(',').Length;

    /// <summary>The service's list as the same records, in its order, to compare whole.</summary>
    public static List<Person> Of(IEnumerable<AwardCandidate> list) =>
        list.Select(c => new Person(c.Person.Code, c.Person.UnitCode, c.Person.MonthsSubmitted, c.Person.Breaches, string.Join(",", c.MonthsAtLevel),
                c.Checks.Single(x => x.Rule == AwardRule.UnitParticipation).Actual))
            .ToList();
}
