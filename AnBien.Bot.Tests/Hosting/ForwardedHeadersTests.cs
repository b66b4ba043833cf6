using AnBien.Bot.Tests.Support;

namespace AnBien.Bot.Tests.Hosting;

public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task ByDefaultNoProxyIsBelievedNotEvenOneOnLoopback()
    {
        await using var app = await BotApplication.StartAsync(services: RemotePeer.At("127.0.0.1"));
        using var http = app.CreateClient();

        var address = await ClientAddressAsync(http, "203.0.113.7");

        Assert.Equal("127.0.0.1", address);
    }

    [Fact]
    public async Task AConfiguredProxyGivesTheClientsAddress()
    {
        await using var app = await BotApplication.StartAsync(services: RemotePeer.At("127.0.0.1"),
            settings: new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });
        using var http = app.CreateClient();

        var address = await ClientAddressAsync(http, "198.51.100.9, 203.0.113.7");

        // nginx appends the address it saw; what the client itself wrote before it is not believed.
        Assert.Equal("203.0.113.7", address);
    }

    [Fact]
    public async Task AConfiguredNetworkIsBelievedAndOthersAreNot()
    {
        var settings = new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16" };
        await using var inside = await BotApplication.StartAsync(services: RemotePeer.At("10.1.2.3"), settings: settings);
        await using var outside = await BotApplication.StartAsync(services: RemotePeer.At("10.2.0.1"), settings: settings);

        Assert.Equal("203.0.113.7", await ClientAddressAsync(inside.CreateClient(), "203.0.113.7"));
        Assert.Equal("10.2.0.1", await ClientAddressAsync(outside.CreateClient(), "203.0.113.7"));
    }

    [Fact]
    public async Task AMisspeltProxyAddressStopsTheStart()
    {
        var start = () => BotApplication.StartAsync(settings: new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.300" });

        var error = await Assert.ThrowsAnyAsync<Exception>(start);

        Assert.Contains("ForwardedHeaders", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> ClientAddressAsync(HttpClient http, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RemotePeer.ClientAddressPath);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
