using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// Endpoints and limits of the Bot Framework / Teams cloud. The defaults are the public cloud; sovereign clouds (GCC,
/// GCC High, DoD) and tests override them. The credentials themselves stay in the usual root settings
/// (MicrosoftAppId…, see <see cref="BotFramework.BotFrameworkOptions"/>).
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>OpenID metadata of the Bot Connector's token issuer (reference/botframework.md §2: the documented spelling).</summary>
    [Required, Url]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The <c>iss</c> of tokens the Bot Connector signs (§2 check 3; US Gov: https://api.botframework.us).</summary>
    [Required]
    public string ChannelIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>OpenID metadata for Entra-issued tokens (Emulator, the bot's own tenant) (§2, botbuilder-dotnet AuthenticationConstants).</summary>
    [Required, Url]
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Accept Entra-issued tokens the way the SDK's EmulatorValidation does (§2). Off leaves only Connector tokens.</summary>
    public bool AcceptEntraTokens { get; set; } = true;

    /// <summary>How long signing keys are used before they are fetched again: the documentation asks for at least daily (§2).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Authority host for outbound tokens; the token endpoint is {LoginEndpoint}/{tenant}/oauth2/v2.0/token (§3).</summary>
    [Required, Url]
    public string LoginEndpoint { get; set; } = "https://login.microsoftonline.com";

    /// <summary>Tenant of multi-tenant bots' tokens (botbuilder-dotnet AuthenticationConstants.DefaultChannelAuthTenant).</summary>
    [Required]
    public string MultiTenantAuthority { get; set; } = "botframework.com";

    /// <summary>The audience of outbound tokens (§3: ToChannelFromBotOAuthScope; MSAL wants "/.default").</summary>
    [Required]
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Service URL for proactive messages to people whose reference has no verified one (§0 table; GCC: smba.infra.gcc…).</summary>
    [Required, Url]
    public string DefaultServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    /// <summary>
    /// Sends allowed per conversation thread, keyed by window in seconds (msteams-docs rate-limit.md, "per bot per thread":
    /// 7/1 s, 8/2 s, 60/30 s, 1800/3600 s). Sends wait for room instead of earning 429s.
    /// </summary>
    public Dictionary<string, int> ThreadSendLimits { get; set; } = new() { ["1"] = 7, ["2"] = 8, ["30"] = 60, ["3600"] = 1800 };

    /// <summary>First back-off delay of the Connector retries; later ones grow exponentially with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;
}
