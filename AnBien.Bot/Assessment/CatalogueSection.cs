namespace AnBien.Bot.Assessment;

public sealed record CatalogueSection
{
    public required IReadOnlyList<CatalogueGroup> Groups { get; init; }
}
