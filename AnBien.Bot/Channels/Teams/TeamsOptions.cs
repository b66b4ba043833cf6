using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// What only Teams needs: where proactive conversations are opened and how fast a thread may be written to. The
/// defaults are the public cloud; sovereign clouds (GCC, GCC High, DoD) and tests override them. The Bot Framework
/// endpoints, credentials and retries are in <see cref="BotFramework.BotFrameworkOptions"/>.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>Service URL for proactive messages to people whose reference has no verified one (docs/protocols/botframework.md §0 table; GCC: smba.infra.gcc…).</summary>
    [Required, Url]
    public string DefaultServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    /// <summary>
    /// Sends allowed per conversation thread, keyed by window in seconds (msteams-docs rate-limit.md, "per bot per thread":
    /// 7/1 s, 8/2 s, 60/30 s, 1800/3600 s). Sends wait for room instead of earning 429s.
    /// </summary>
    public Dictionary<string, int> ThreadSendLimits { get; set; } = new() { ["1"] = 7, ["2"] = 8, ["30"] = 60, ["3600"] = 1800 };
}
