using System.Net;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>Whether a request really comes from this machine, as the local mode requires (issue 9: a proxy on the same host).</summary>
public static class LocalRequests
{
    /// <summary>
    /// Headers a proxy adds. X-Original-For is what UseForwardedHeaders leaves when it has applied X-Forwarded-For from a
    /// configured proxy; X-Real-IP is nginx's other habit. Any of them means the request started on another machine.
    /// </summary>
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "Forwarded", "X-Original-For", "X-Real-IP"];

    public static bool IsForwarded(HttpRequest request) => ProxyHeaders.Any(request.Headers.ContainsKey);

    /// <summary>A loopback peer. No address at all is the in-process test server, which has no network.</summary>
    public static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is not { } ip || IPAddress.IsLoopback(ip);
}
