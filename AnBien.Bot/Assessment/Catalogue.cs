namespace AnBien.Bot.Assessment;

/// <summary>
/// A versioned criteria catalogue (the 2019 Plan 118/KH-UBND ships as the default). Everything the law may change —
/// items, scales, thresholds, quotas, dates — is data here, never code.
/// </summary>
public sealed record Catalogue
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string Title { get; init; }
    public string? Source { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }

    /// <summary>
    /// The staff categories (<see cref="Storage.StaffCategory"/>) this catalogue is for. Empty: everyone without a
    /// catalogue of their own category; a period needs one such catalogue in force.
    /// </summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>What the catalogue's authors could not confirm against the legal text; shown to nobody, kept with the data.</summary>
    public IReadOnlyList<string> Unconfirmed { get; init; } = [];
    public required IReadOnlyDictionary<string, CatalogueScale> Scales { get; init; }
    public string DefaultScale { get; init; } = "frequency";
    public required CatalogueClassification Classification { get; init; }
    public required CatalogueSection Individual { get; init; }
    public CatalogueSection? Collective { get; init; }

    /// <summary>"id@version", the form a period row records its variants in.</summary>
    public string Key => $"{Id}@{Version}";

    public bool IsInForceOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day <= EffectiveTo);

    public CatalogueScale ScaleOf(CatalogueItem item) => Scales[item.Scale ?? DefaultScale];
}
