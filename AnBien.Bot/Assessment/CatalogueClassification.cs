namespace AnBien.Bot.Assessment;

public sealed record CatalogueClassification
{
    /// <summary>"percent": the score as a share of the maximum, compared with each level's minimum.</summary>
    public string Basis { get; init; } = "percent";

    /// <summary>Highest level first.</summary>
    public required IReadOnlyList<ClassificationLevel> Levels { get; init; }

    public ClassificationLevel Classify(decimal percent) =>
        Levels.FirstOrDefault(l => percent >= l.MinPercent) ?? Levels[^1];
}
