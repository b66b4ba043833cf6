using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Assessment;

public sealed class PeriodOptions
{
    public const string Section = "Periods";

    /// <summary>Day of the assessed month on which the period opens (00:00 local time).</summary>
    [Range(1, 28)]
    public int OpenDay { get; set; } = 25;

    /// <summary>Day of the following month on which the period closes (end of that day, local time).</summary>
    [Range(1, 28)]
    public int CloseDay { get; set; } = 5;

    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>Open the month's period automatically on its open day. Off when the council opens periods by hand.</summary>
    public bool AutoOpen { get; set; } = true;
}
