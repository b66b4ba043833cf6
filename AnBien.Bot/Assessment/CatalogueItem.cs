namespace AnBien.Bot.Assessment;

public sealed record CatalogueItem
{
    public required string Code { get; init; }
    public required string Text { get; init; }
    public string? Hint { get; init; }

    /// <summary>
    /// The plan's full wording where the item's text is a short form of it (the "4 xin, 4 luôn" items, the breaches);
    /// "giải thích" shows it. Null: the text is already the plan's wording.
    /// </summary>
    public string? Explanation { get; init; }

    /// <summary>
    /// Who is asked the item: e.g. ["leader"] for items the plan addresses to leaders and managers. Empty: everyone.
    /// Those not asked do not have it in their form, so it does not count in their maximum either.
    /// </summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Null means the catalogue's default scale.</summary>
    public string? Scale { get; init; }

    /// <summary>A breach (e.g. alcohol during working hours): answering that it happened lowers the score.</summary>
    public bool Breach { get; init; }
}
