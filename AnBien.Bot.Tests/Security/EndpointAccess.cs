namespace AnBien.Bot.Tests.Security;

/// <summary>
/// What each kind of caller gets from one endpoint (HTTP status codes). A row of <see cref="AuthorizationMatrixTests"/>.
/// </summary>
/// <param name="Anonymous">A client on the internet, no credentials.</param>
/// <param name="Loopback">A client on this machine with no credentials (the Emulator, in Development).</param>
/// <param name="Proxied">A request a proxy forwarded (X-Forwarded-For) from an address not configured as a proxy.</param>
/// <param name="CrossSite">An anonymous browser request made by another site's page (an Origin that is not configured).</param>
/// <param name="Administrator">A remote client with the Admin:ApiKey.</param>
public sealed record EndpointAccess(string Method, string Route, int Anonymous, int Loopback, int Proxied, int CrossSite, int Administrator)
{
    public string Key => $"{Method} {Route}";

    public int For(Caller caller) => caller switch
    {
        Caller.Anonymous => Anonymous,
        Caller.Loopback => Loopback,
        Caller.Proxied => Proxied,
        Caller.CrossSite => CrossSite,
        Caller.Administrator => Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };
}
