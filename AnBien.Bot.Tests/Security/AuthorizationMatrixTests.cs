using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Admin;
using AnBien.Bot.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Security;

/// <summary>
/// Every HTTP endpoint the service maps, against every kind of caller (issue 9 item 7). The service runs in Development,
/// the most permissive place (local mode serves loopback), with demo mode off and an administrator key set. A new
/// endpoint without a row fails <see cref="EveryMappedEndpointHasARow"/>: add its row when you map it.
/// Staff, unit heads and the council reach HTTP only through signed links or a Direct Line token; what each role may do
/// in chat is in <see cref="ChatAuthorizationMatrixTests"/>.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private const string AdminKey = "matrix-admin-key-0123456789";
    private const string Remote = "203.0.113.7";

    // Method, route as mapped, then: anonymous, loopback, proxied, cross-site, administrator.
    private static readonly EndpointAccess[] Rows =
    [
        // Health checks answer any method ("*"); probed with GET.
        new("*", "/health/live", 200, 200, 200, 200, 200),
        new("*", "/healthz", 200, 200, 200, 200, 200),
        new("*", "/health/ready", 200, 200, 200, 200, 200),
        // Only the Emulator on this machine gets the local mode; a proxied request is remote whatever its peer says.
        new("POST", "/api/messages", 401, 200, 401, 401, 401),
        // The web chat page is public: a stranger only hears how to link. Other sites' pages are refused.
        new("POST", "/api/webchat/session", 200, 200, 200, 403, 200),
        new("GET", "/api/webchat/demo-staff", 404, 404, 404, 403, 404),
        new("POST", "/api/webchat/demo-signin", 404, 404, 404, 403, 404),
        new("POST", "/v3/directline/tokens/generate", 200, 200, 200, 403, 200),
        // Direct Line without a token: 401; another site's page is refused before the token is read.
        new("POST", "/v3/directline/tokens/refresh", 401, 401, 401, 403, 401),
        new("POST", "/v3/directline/conversations", 201, 201, 201, 403, 201),
        new("GET", "/v3/directline/conversations/{conversationId}", 401, 401, 401, 401, 401),
        new("POST", "/v3/directline/conversations/{conversationId}/activities", 401, 401, 401, 401, 401),
        new("GET", "/v3/directline/conversations/{conversationId}/activities", 401, 401, 401, 401, 401),
        // The stream URL carries its own token (t=…); without one it is expired, as DirectLineJS expects.
        new("GET", "/v3/directline/conversations/{conversationId}/stream", 403, 403, 403, 403, 403),
        // Zalo is not configured here: its webhook does not exist. Signatures are in ZaloWebhookTests.
        new("POST", "/api/zalo", 404, 404, 404, 404, 404),
        new("GET", "/api/zalo", 200, 200, 200, 200, 200),
        new("GET", "/api/zalo/oauth-callback", 400, 400, 400, 400, 400),
        // Only the key opens the admin API; with Zalo unconfigured the administrator learns which setting is missing.
        new("POST", "/api/admin/zalo/authorize-url", 401, 401, 401, 401, 409),
        new("POST", "/api/admin/zalo/exchange", 401, 401, 401, 401, 400),
        new("GET", "/summaries/xlsx/{token}", 404, 404, 404, 404, 404),
        new("GET", "/summaries/png/{token}", 404, 404, 404, 404, 404),
        new("GET", "/summaries/report/{token}", 404, 404, 404, 404, 404),
        new("GET", "/announcements/xlsx/{token}", 404, 404, 404, 404, 404),
        // An announcement's picture: anyone holding a valid signed address may fetch it (Zalo does); a made-up one is a 404.
        new("GET", "/announcements/image/{token}", 404, 404, 404, 404, 404),
        new("GET", "/my-data/{token}", 404, 404, 404, 404, 404),
    ];

    public static TheoryData<string> Endpoints() => new(Rows.Select(r => r.Key));

    [Fact]
    public async Task EveryMappedEndpointHasARow()
    {
        await using var app = await StartAsync();

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(mapped.Except(Rows.Select(r => r.Key)).Order());
        Assert.Empty(Rows.Select(r => r.Key).Except(mapped).Order());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachCallerGetsWhatItsRowSays(string endpoint)
    {
        var row = Rows.Single(r => r.Key == endpoint);
        await using var app = await StartAsync();
        var client = app.CreateClient();

        var got = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            using var request = Request(row, caller);
            using var response = await client.SendAsync(request);
            got.Add($"{caller}: {(int)response.StatusCode}");
        }

        Assert.Equal(Enum.GetValues<Caller>().Select(c => $"{c}: {row.For(c)}"), got);
        // Only the Emulator on this machine may speak as NV001, so the connector heard exactly one turn's replies, if any.
        if (row.Route == "/api/messages")
        {
            Assert.All(app.Connector.Requests, r => Assert.Contains("/matrix-conversation-Loopback/", r.Uri.AbsolutePath, StringComparison.Ordinal));
        }
    }

    private static Task<BotApplication> StartAsync() => BotApplication.StartAsync(demo: false, environment: "Development",
        settings: new() { ["BotFramework:AllowLocalMode"] = "false", ["Admin:ApiKey"] = AdminKey }, services: PeerFromHeader.AddTo);

    private static HttpRequestMessage Request(EndpointAccess row, Caller caller)
    {
        var path = row.Route.Replace("{conversationId}", "c-unknown", StringComparison.Ordinal).Replace("{token}", "not-a-token", StringComparison.Ordinal);
        var request = new HttpRequestMessage(row.Method == "*" ? HttpMethod.Get : new HttpMethod(row.Method), path);
        if (row.Method == "POST") request.Content = JsonContent.Create(row.Route == "/api/messages" ? Impersonation(caller) : new JsonObject());
        request.Headers.Add(PeerFromHeader.Header, caller is Caller.Loopback or Caller.Proxied ? "127.0.0.1" : Remote);
        if (caller == Caller.Proxied) request.Headers.Add("X-Forwarded-For", Remote);
        if (caller == Caller.CrossSite) request.Headers.Add("Origin", "https://attacker.example");
        if (caller == Caller.Administrator) request.Headers.Add(AdminApiKeyFilter.Header, AdminKey);
        return request;
    }

    /// <summary>An activity claiming to be Nguyễn Thị Lan (NV001) by her Entra object id: success would be impersonation.</summary>
    private static JsonObject Impersonation(Caller caller) => new()
    {
        ["type"] = "message", ["id"] = $"matrix-{caller}", ["channelId"] = "emulator", ["serviceUrl"] = "http://localhost:3978/",
        ["from"] = new JsonObject { ["id"] = "29:lan", ["aadObjectId"] = "00000000-0000-4000-8000-000000000001" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot" },
        ["conversation"] = new JsonObject { ["id"] = $"matrix-conversation-{caller}" },
        ["text"] = "kết quả của tôi",
    };
}
