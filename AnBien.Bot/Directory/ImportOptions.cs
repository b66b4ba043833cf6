using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Directory;

public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>
    /// The largest share of the active people that one `import` may deactivate without --allow-deactivate
    /// (0.10 = 10 %). A one-row file once switched off the whole demo commune.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxDeactivateShare { get; set; } = 0.10;
}
