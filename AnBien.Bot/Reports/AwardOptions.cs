using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Reports;

/// <summary>
/// The rules that make someone a candidate for a Giấy khen or Bằng khen at the year's (or milestone's) end. The plan
/// leaves the criteria to each level's council ("Hình thức khen thưởng" of Plan 118/KH-UBND); these defaults are the
/// ones asked for in issue 11, and `awards --rules file.json` takes the same keys for one run.
/// </summary>
public sealed class AwardOptions
{
    public const string Section = "Awards";

    /// <summary>Months submitted in the range (10 of a year's 12).</summary>
    [Range(0, 1200)]
    public int MinMonthsSubmitted { get; set; } = 10;

    /// <summary>Breaches reported in the range ("Có vi phạm" answers); 0 means none at all.</summary>
    [Range(0, 1000)]
    public int MaxBreaches { get; set; }

    /// <summary>Months whose classification the head confirmed at <see cref="MinLevel"/> or better (proposals do not count).</summary>
    [Range(0, 1200)]
    public int MinMonthsAtLevel { get; set; } = 6;

    /// <summary>The level code of the catalogue (kh-118-2019: HTTNV, "Hoàn thành tốt nhiệm vụ"); higher levels count too.</summary>
    [Required, MinLength(1)]
    public string MinLevel { get; set; } = "HTTNV";

    /// <summary>The person's unit's participation in the range: months submitted over months expected, in percent.</summary>
    [Range(0, 100)]
    public decimal MinUnitParticipationPercent { get; set; } = 80;

    /// <summary>Someone who fails at most this many rules is listed as a near miss, with the rules failed.</summary>
    [Range(1, 4)]
    public int NearMissMaxFailedRules { get; set; } = 1;
}
