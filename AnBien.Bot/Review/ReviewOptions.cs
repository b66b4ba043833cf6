using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Review;

public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>Days after a period closes during which heads may still confirm or change classifications.</summary>
    [Range(0, 366)]
    public int WindowDays { get; set; } = 10;
}
