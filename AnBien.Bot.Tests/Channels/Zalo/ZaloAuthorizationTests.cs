using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AnBien.Bot.Admin;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Channels.Zalo;

public sealed class ZaloAuthorizationTests
{
    private static readonly Dictionary<string, string?> AdminSettings = new()
    {
        ["Admin:ApiKey"] = "admin-key-test",
        ["Zalo:RedirectUri"] = "https://bot.example.vn/api/zalo/oauth-callback",
    };

    [Fact]
    public async Task AdminAuthorisesTheOaWithPkceThroughTheCallback()
    {
        await using var zalo = await ZaloTestHost.StartAsync(settings: AdminSettings);
        using var http = zalo.App.CreateClient();
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/admin/zalo/authorize-url");
        start.Headers.Add(AdminApiKeyFilter.Header, "admin-key-test");
        var url = new Uri((await (await http.SendAsync(start)).Content.ReadFromJsonAsync<JsonObject>())!["url"]!.GetValue<string>());

        Assert.Equal("https://oauth.zaloapp.com/v4/oa/permission", url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(ZaloTestHost.AppId, query["app_id"]);
        Assert.Equal("https://bot.example.vn/api/zalo/oauth-callback", query["redirect_uri"]);
        zalo.Api.Enqueue(HttpStatusCode.OK, """{"access_token":"AT-new","refresh_token":"RT-new","expires_in":"90000"}""");

        var callback = await http.GetAsync($"/api/zalo/oauth-callback?code=CODE-1&oa_id={ZaloTestHost.OaId}&state={query["state"]}");

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var exchange = Assert.Single(zalo.Api.Requests);
        Assert.Equal(ZaloTestHost.TokenUrl, exchange.Uri.ToString());
        Assert.Equal(ZaloTestHost.AppSecret, exchange.Headers["secret_key"]);
        var form = QueryHelpers.ParseQuery(exchange.Body);
        Assert.Equal(("CODE-1", ZaloTestHost.AppId, "authorization_code"), (form["code"].ToString(), form["app_id"].ToString(), form["grant_type"].ToString()));
        var verifier = form["code_verifier"].ToString();
        Assert.Equal(43, verifier.Length);
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(challenge, query["code_challenge"]);

        await using var db = zalo.App.CreateDbContext();
        var grant = await db.ZaloGrants.SingleAsync();
        Assert.Equal(("AT-new", "RT-new", null), (zalo.Reveal(grant.AccessToken), zalo.Reveal(grant.RefreshToken), grant.PendingVerifier));
    }

    [Fact]
    public async Task AdminEndpointsRequireTheApiKeyAndTheCallbackTheIssuedState()
    {
        await using var zalo = await ZaloTestHost.StartAsync(settings: AdminSettings);
        using var http = zalo.App.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/admin/zalo/authorize-url", null)).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/admin/zalo/exchange") { Content = JsonContent.Create(new { code = "X" }) };
        wrong.Headers.Add(AdminApiKeyFilter.Header, "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/zalo/oauth-callback?code=CODE-1&state=forged")).StatusCode);
        Assert.Empty(zalo.Api.Requests);
    }

    [Fact]
    public async Task CommandLinePrintsTheConsentLinkAndExchangesThePastedCode()
    {
        await using var zalo = await ZaloTestHost.StartAsync(settings: AdminSettings);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        Assert.Equal(0, await AdminCommandLine.RunAsync(zalo.App.Services, ["zalo", "authorize-url"], stdout, stderr));
        Assert.Contains("https://oauth.zaloapp.com/v4/oa/permission?app_id=", stdout.ToString(), StringComparison.Ordinal);
        zalo.Api.Enqueue(HttpStatusCode.OK, """{"error_name":"Invalid code","error_reason":"code expired"}""");
        Assert.Equal(1, await AdminCommandLine.RunAsync(zalo.App.Services, ["zalo", "exchange", "OLD-CODE"], stdout, stderr));
        Assert.Contains("Invalid code", stderr.ToString(), StringComparison.Ordinal);

        zalo.Api.Enqueue(HttpStatusCode.OK, """{"access_token":"AT-cli","refresh_token":"RT-cli","expires_in":90000}""");
        Assert.Equal(0, await AdminCommandLine.RunAsync(zalo.App.Services, ["zalo", "exchange", "CODE-2"], stdout, stderr));
        await using var db = zalo.App.CreateDbContext();
        Assert.Equal("AT-cli", zalo.Reveal((await db.ZaloGrants.SingleAsync()).AccessToken));
    }
}
