using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Directory;

public sealed class LinkingOptions
{
    public const string Section = "Linking";

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Wrong codes allowed from one chat before it must wait <see cref="LockDuration"/>.</summary>
    [Range(1, 20)]
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockDuration { get; set; } = TimeSpan.FromHours(1);
}
