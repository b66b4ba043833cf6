using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// The usual Bot Framework credentials, bound from the configuration root (MicrosoftAppType, MicrosoftAppId,
/// MicrosoftAppPassword, MicrosoftAppTenantId) so existing Azure Bot deployment guides apply unchanged; this project's
/// own settings sit in the <c>BotFramework</c> section (e.g. <c>BotFramework:AllowLocalMode</c>).
/// </summary>
public sealed class BotFrameworkOptions
{
    public const string Section = "BotFramework";

    public const string SingleTenant = "SingleTenant", MultiTenant = "MultiTenant", UserAssignedMsi = "UserAssignedMSI";

    /// <summary>SingleTenant (the default, as for new Azure Bot registrations), MultiTenant or UserAssignedMSI.</summary>
    public string? MicrosoftAppType { get; set; }
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>No app id: the local mode of the Bot Framework Emulator (loopback only, no tokens).</summary>
    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>
    /// Lets the local mode serve outside Development (a benchmark, a test bench). Off by default: behind a reverse proxy on
    /// the same host every request comes from loopback, so the local mode would let anyone act as anyone.
    /// </summary>
    public bool AllowLocalMode { get; set; }

    /// <summary>Whether unauthenticated loopback requests are served at all: local mode, in Development or when allowed.</summary>
    public bool ServesLocalMode(IHostEnvironment environment) => IsLocalMode && (environment.IsDevelopment() || AllowLocalMode);

    public string AppType => string.IsNullOrWhiteSpace(MicrosoftAppType) ? SingleTenant : MicrosoftAppType;

    public bool IsSingleTenant => string.Equals(AppType, SingleTenant, StringComparison.OrdinalIgnoreCase);

    public bool IsManagedIdentity => string.Equals(AppType, UserAssignedMsi, StringComparison.OrdinalIgnoreCase);

    // The Bot Framework cloud, section BotFramework. The defaults are the public cloud; sovereign clouds and tests override them.

    /// <summary>OpenID metadata of the Bot Connector's token issuer (docs/protocols/botframework.md §2: the documented spelling).</summary>
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

    /// <summary>First back-off delay of the Connector retries; later ones grow exponentially with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>Largest request body accepted on /api/messages.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Why the credentials cannot work, or null. Checked at start-up so a half-configured bot fails fast.</summary>
    public string? Problem()
    {
        if (IsLocalMode) return null;
        if (!new[] { SingleTenant, MultiTenant, UserAssignedMsi }.Contains(AppType, StringComparer.OrdinalIgnoreCase))
        {
            return $"MicrosoftAppType must be {SingleTenant}, {MultiTenant} or {UserAssignedMsi}.";
        }

        if (!IsManagedIdentity && string.IsNullOrWhiteSpace(MicrosoftAppPassword)) return "MicrosoftAppPassword is required with a MicrosoftAppId.";
        if (!string.Equals(AppType, MultiTenant, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            return $"MicrosoftAppTenantId is required for a {AppType} bot (set MicrosoftAppType=MultiTenant for a multi-tenant registration).";
        }

        return null;
    }
}
