namespace AnBien.Bot.Assessment;

public sealed record ClassificationLevel
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    public decimal MinPercent { get; init; }

    /// <summary>The most a unit may give this level, as a share of its members (e.g. the quota on "xuất sắc").</summary>
    public decimal? QuotaPercent { get; init; }
}
