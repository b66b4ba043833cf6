namespace AnBien.Bot.Tests.Security;

/// <summary>Who knocks at an HTTP endpoint in the authorization matrix; see <see cref="EndpointAccess"/>.</summary>
public enum Caller
{
    Anonymous,
    Loopback,
    Proxied,
    CrossSite,
    Administrator,
}
