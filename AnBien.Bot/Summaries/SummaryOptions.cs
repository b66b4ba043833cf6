using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Summaries;

public sealed class SummaryOptions
{
    public const string Section = "Summaries";

    /// <summary>How long a workbook or chart link works after it is given out.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Base64 key (32 bytes or more) that signs the links; a secret, from the environment (Summaries__LinkSigningKey).
    /// Every instance behind one address needs the same key. Unset: a random key per process (links die on restart).
    /// </summary>
    public string? LinkSigningKey { get; set; }
}
