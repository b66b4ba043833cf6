namespace AnBien.Bot.Assessment;

/// <summary>A part of the score that is not self-assessed (Decree 335/2025: the task results, out of 70, scored by the head).</summary>
public sealed record CataloguePart
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    public int MaxPoints { get; init; }
}
