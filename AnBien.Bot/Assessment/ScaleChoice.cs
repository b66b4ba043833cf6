namespace AnBien.Bot.Assessment;

public sealed record ScaleChoice
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    public int Points { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
