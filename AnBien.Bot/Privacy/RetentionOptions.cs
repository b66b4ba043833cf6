using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Privacy;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Anonymise people who have left the directory and left no trace for this many years, and delete chat logs older
    /// than that. Unset: nothing is anonymised automatically (requests are still served by the person verbs).
    /// </summary>
    [Range(1, 100)]
    public int? Years { get; set; }
}
