namespace AnBien.Bot.Reports;

/// <summary>One rule checked for one person: what they have, what the rule asks, and whether that is enough.</summary>
public sealed record AwardCheck(AwardRule Rule, decimal Actual, decimal Required, bool Passed);
