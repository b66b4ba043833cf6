namespace AnBien.Bot.Reports;

/// <summary>A person with every rule checked: the evidence of a candidate, or the rules a near miss failed.</summary>
public sealed record AwardCandidate(PersonYear Person, IReadOnlyList<AwardCheck> Checks)
{
    public bool Qualifies => Checks.All(c => c.Passed);

    public IEnumerable<AwardCheck> Failed => Checks.Where(c => !c.Passed);

    /// <summary>The confirmed months that count for <see cref="AwardRule.MonthsAtLevel"/>, e.g. "2026-01".</summary>
    public required IReadOnlyList<string> MonthsAtLevel { get; init; }
}
