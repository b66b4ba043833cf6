using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Announcements;

public sealed class AnnouncementOptions
{
    public const string Section = "Announcements";

    /// <summary>Run the delivery workers in this instance. On SQLite only one instance may deliver.</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>Unit heads may announce to their own unit.</summary>
    public bool HeadsMaySend { get; set; }

    /// <summary>Zalo lets an OA message a person freely only this long after they last wrote (docs: Zalo reference).</summary>
    public TimeSpan ZaloWindow { get; set; } = TimeSpan.FromDays(7);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Sends in flight at once per worker.</summary>
    [Range(1, 1_000)]
    public int Parallelism { get; set; } = 32;

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry waits this long; each further one twice as long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claimed batch is held before another worker may take it over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Idle wait between looks for work.</summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the address of an announcement's picture (given as a file) keeps working.</summary>
    public TimeSpan ImageLinkLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Messages per second per channel ("msteams": 50, "zalo": 20…); absent or 0 is unlimited.</summary>
    public Dictionary<string, int> ChannelRates { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
