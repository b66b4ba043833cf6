namespace AnBien.Bot.Assessment;

/// <summary>
/// Where the criteria catalogues are: a folder of *.json files (the default), a list of files, or, as before, one file.
/// Relative paths are resolved against the application folder. Each catalogue carries its effective range and the staff
/// categories it is for; a new period takes the ones in force when it opens (docs/rules.md).
/// </summary>
public sealed class CatalogueOptions
{
    public const string Section = "Catalogue";
    public const string DefaultFolder = "Resources/catalogues";

    /// <summary>A folder whose *.json files are all catalogues; used when neither Files nor File is set.</summary>
    public string? Folder { get; set; }

    /// <summary>The catalogue files, listed one by one.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>One catalogue file (the setting of earlier versions); still works alone.</summary>
    public string? File { get; set; }

    /// <summary>The paths to load, before resolving; null with a one-line error when more than one setting is used.</summary>
    public IReadOnlyList<string> Paths(out string? error)
    {
        var used = (Folder is null ? 0 : 1) + (Files.Count == 0 ? 0 : 1) + (File is null ? 0 : 1);
        error = used > 1 ? "Set only one of Catalogue:Folder, Catalogue:Files or Catalogue:File." : null;
        if (File is not null) return [File];
        return Files.Count > 0 ? Files : [Folder ?? DefaultFolder];
    }
}
