using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Support;

/// <summary>
/// Lets each request of one test server come from its own network peer, named in the <see cref="Header"/> header (the
/// in-memory server has no peer). Runs before the service's pipeline, so forwarded headers are judged against it.
/// </summary>
public sealed class PeerFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter, PeerFromHeader>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var peer)) context.Connection.RemoteIpAddress = peer;
            context.Request.Headers.Remove(Header);
            return following(context);
        });
        next(app);
    };
}
