namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// The checks an activity's serviceUrl passes before the bot sends anything there. The Connector client builds every
/// path below it itself (<see cref="ConnectorClient"/>); these keep the base itself plain.
/// </summary>
public static class ServiceUrls
{
    /// <summary>An absolute http(s) URL with a host and nothing a path could be smuggled through (user info, query, fragment).</summary>
    public static bool IsWellFormed(string serviceUrl) =>
        TryParse(serviceUrl, out _);

    /// <summary>Where the local mode may send: this machine only (the Emulator listens on localhost).</summary>
    public static bool IsLoopback(string serviceUrl) =>
        TryParse(serviceUrl, out var uri) && uri.IsLoopback;

    public static bool TryParse(string serviceUrl, out Uri uri)
    {
        if (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            && parsed.Host.Length > 0 && parsed.UserInfo.Length == 0 && parsed.Query.Length == 0 && parsed.Fragment.Length == 0)
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }
}
