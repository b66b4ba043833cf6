namespace AnBien.Bot.Summaries;

/// <summary>
/// The answer to a person's request: the summary, or why there is none. A refusal carries no figures at all, so a
/// dialog cannot leak any by accident.
/// </summary>
public sealed record SummaryOutcome(UnitSummary? Summary, bool Denied, bool UnknownUnit)
{
    public static SummaryOutcome Refused { get; } = new(null, true, false);
    public static SummaryOutcome NoSuchUnit { get; } = new(null, false, true);
}
