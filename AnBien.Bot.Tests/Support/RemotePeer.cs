using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Support;

/// <summary>
/// Makes the in-memory server see every request as coming from <paramref name="address"/> (the test server has no network
/// peer), and answers GET /test/client-address with the address the service ends up believing, after forwarded headers.
/// </summary>
public sealed class RemotePeer(IPAddress address) : IStartupFilter
{
    public const string ClientAddressPath = "/test/client-address";

    public static Action<IServiceCollection> At(string address) =>
        services => services.AddSingleton<IStartupFilter>(new RemotePeer(IPAddress.Parse(address)));

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress = address;
            return following(context);
        });
        next(app);

        // Reached only by paths the service does not map.
        app.Map(ClientAddressPath, probe => probe.Run(context => context.Response.WriteAsync(context.Connection.RemoteIpAddress?.ToString() ?? "")));
    };
}
