namespace AnBien.Bot.Assessment;

public sealed record CatalogueItem
{
    public required string Code { get; init; }
    public required string Text { get; init; }
    public string? Hint { get; init; }

    /// <summary>Null means the catalogue's default scale.</summary>
    public string? Scale { get; init; }

    /// <summary>A breach (e.g. alcohol during working hours): answering that it happened lowers the score.</summary>
    public bool Breach { get; init; }
}
