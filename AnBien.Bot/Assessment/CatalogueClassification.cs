namespace AnBien.Bot.Assessment;

public sealed record CatalogueClassification
{
    /// <summary>
    /// "percent": the self-assessment as a share of its maximum (Plan 118/2019). "points": a fixed scale of
    /// <see cref="MaxPoints"/> made of the self-assessment and the <see cref="TaskPart"/> the head enters (Decree 335/2025).
    /// </summary>
    public string Basis { get; init; } = "percent";

    /// <summary>The scale on the "points" basis (100), which the self-assessment's maximum plus the task part must make.</summary>
    public int? MaxPoints { get; init; }

    /// <summary>The part the head scores in the review; null when the self-assessment alone proposes the level.</summary>
    public CataloguePart? TaskPart { get; init; }

    /// <summary>Highest level first.</summary>
    public required IReadOnlyList<ClassificationLevel> Levels { get; init; }

    public ClassificationLevel Classify(decimal percent) =>
        Levels.FirstOrDefault(l => percent >= l.MinPercent) ?? Levels[^1];
}
