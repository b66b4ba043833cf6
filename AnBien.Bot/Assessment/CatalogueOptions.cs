namespace AnBien.Bot.Assessment;

public sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    /// <summary>The catalogue new periods run with; relative paths are resolved against the application folder.</summary>
    public string File { get; set; } = "Resources/catalogues/kh-118-2019.json";
}
