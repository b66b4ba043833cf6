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
