using System.Net;
using System.Net.Sockets;

namespace AnBien.Bot.Http;

/// <summary>
/// The key that per-client limits are counted under: the client's address as the forwarded headers middleware leaves it
/// (so behind a configured proxy it is the visitor's, not the proxy's). An IPv6 client owns a whole /64, so it is counted
/// by its /64 prefix: one machine cannot escape a limit by walking through its own addresses.
/// </summary>
public static class ClientAddress
{
    public static string PartitionKey(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null) return "unknown";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
