using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Hosting;

public static class ProxyExtensions
{
    /// <summary>Forwarded headers from the configured proxies only (<see cref="ProxyOptions"/>), none by default.</summary>
    public static IServiceCollection AddProxies(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(o => o.Problem() is null, "ForwardedHeaders settings are invalid: KnownProxies must be IP addresses, KnownNetworks CIDR networks.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            // With both lists empty the middleware believes every sender, so nothing is forwarded until a proxy is named.
            // X-Forwarded-Host is left alone: the Host header is nginx's to set (deployment/reverse-proxy.conf).
            forwarded.ForwardedHeaders = proxies.Value.TrustsAnyProxy
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            forwarded.ForwardLimit = proxies.Value.ForwardLimit;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still carries the loopback default and is still consulted
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies.Value.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.Value.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after it (local mode, rate limits, logs) sees the client's address.</summary>
    public static IApplicationBuilder UseProxies(this IApplicationBuilder app) => app.UseForwardedHeaders();
}
