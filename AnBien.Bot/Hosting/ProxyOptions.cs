using System.Net;

namespace AnBien.Bot.Hosting;

/// <summary>
/// The reverse proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed (section <c>ForwardedHeaders</c>).
/// Nothing is trusted unless listed: ASP.NET Core's own default would trust loopback, and with nginx on the same host
/// that would let any client pick its address by sending the header itself.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. "127.0.0.1" for nginx on the same host (deployment/reverse-proxy.conf).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/24" for a load balancer's subnet.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may append to X-Forwarded-For; one for a single nginx.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool TrustsAnyProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>Why the settings cannot work, or null: a misspelt address must stop the start, not quietly trust nobody.</summary>
    public string? Problem()
    {
        if (KnownProxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } proxy) return $"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.";
        if (KnownNetworks.FirstOrDefault(n => !IPNetwork.TryParse(n, out _)) is { } network) return $"ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR network.";
        return ForwardLimit < 1 ? "ForwardedHeaders:ForwardLimit must be at least 1." : null;
    }
}
