namespace AnBien.Bot.Assessment;

public sealed record ClassificationLevel
{
    public required string Code { get; init; }
    public required string Label { get; init; }

    /// <summary>The lowest score for the level, in percent of the scale (on a 100-point scale, in points).</summary>
    public decimal MinPercent { get; init; }

    /// <summary>
    /// The most a unit may give this level: a share of its members (Plan 118/2019, shown, not enforced) or, with
    /// <see cref="QuotaOf"/>, of the people confirmed at that other level.
    /// </summary>
    public decimal? QuotaPercent { get; init; }

    /// <summary>
    /// The level the quota is a share of, counted among the confirmed decisions of the same unit (without sub-units)
    /// and month, on the same catalogue. Set, the review refuses a confirmation beyond the quota.
    /// </summary>
    public string? QuotaOf { get; init; }
}
