using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Privacy;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>How long a link to a person's export works. Short: the link is the only thing guarding the data.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ExportLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
