namespace AnBien.Bot.Assessment;

public sealed record CatalogueGroup
{
    public required string Code { get; init; }
    public required string Letter { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<CatalogueItem> Items { get; init; }
}
