using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Directory;

public sealed class LinkingOptions
{
    public const string Section = "Linking";

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Wrong codes allowed from one chat account (all its conversations) within <see cref="LockDuration"/>.</summary>
    [Range(1, 20)]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>
    /// Wrong codes allowed from one client address within <see cref="LockDuration"/>, whatever the account. Higher than
    /// per account because a whole office may share one address behind its NAT.
    /// </summary>
    [Range(1, 1000)]
    public int MaxFailedAttemptsPerAddress { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromHours(1);
}
