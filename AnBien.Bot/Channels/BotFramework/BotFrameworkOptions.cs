namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// The usual Bot Framework settings, bound from the configuration root (MicrosoftAppType, MicrosoftAppId,
/// MicrosoftAppPassword, MicrosoftAppTenantId) so existing Azure Bot deployment guides apply unchanged.
/// </summary>
public sealed class BotFrameworkOptions
{
    public string? MicrosoftAppType { get; set; }
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>No app id: the local mode of the Bot Framework Emulator (loopback only, no tokens).</summary>
    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Largest request body accepted on /api/messages.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;
}
