using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Admin;
using AnBien.Bot.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Channels.Zalo;

/// <summary>The OAuth callback and the webhook, as an attacker on the internet would try them.</summary>
public sealed class ZaloHardeningTests
{
    private static readonly Dictionary<string, string?> AdminSettings = new()
    {
        ["Admin:ApiKey"] = "admin-key-test",
        ["Zalo:RedirectUri"] = "https://bot.example.vn/api/zalo/oauth-callback",
    };

    [Fact]
    public async Task CallbackWithoutTheStateNeverReachesZalo()
    {
        await using var zalo = await ZaloTestHost.StartAsync(settings: AdminSettings);
        using var http = zalo.App.CreateClient();
        await StartAuthorisationAsync(http);

        using var callback = await http.GetAsync("/api/zalo/oauth-callback?code=CODE-1");

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        Assert.Empty(zalo.Api.Requests);
    }

    [Fact]
    public async Task CallbackAnswersACleanErrorWhenZaloCannotBeReached()
    {
        await using var zalo = await ZaloTestHost.StartAsync(settings: AdminSettings);
        using var http = zalo.App.CreateClient();
        var state = await StartAuthorisationAsync(http);
        for (var i = 0; i < 10; i++) zalo.Api.Enqueue(_ => throw new HttpRequestException("connection refused"));

        using var callback = await http.GetAsync($"/api/zalo/oauth-callback?code=CODE-1&state={state}");

        Assert.Equal(HttpStatusCode.BadGateway, callback.StatusCode);
        Assert.StartsWith("Không liên lạc được với Zalo", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookRefusesEventsOlderThanTheConfiguredAge()
    {
        await using var zalo = await ZaloTestHost.StartAsync(processInbox: false, settings: new() { ["Zalo:MaxEventAge"] = "2.00:00:00" });
        var now = zalo.App.Clock.GetUtcNow();

        var stale = await zalo.PostAsync(At(ZaloTestHost.TextEvent("u-1", "xin chào", "msg-old"), now.AddHours(-49)));
        var redelivered = await zalo.PostAsync(At(ZaloTestHost.TextEvent("u-1", "xin chào", "msg-late"), now.AddHours(-25)));
        var undated = await zalo.PostAsync(At(ZaloTestHost.TextEvent("u-1", "xin chào", "msg-undated"), null));

        Assert.Equal(HttpStatusCode.BadRequest, stale);
        Assert.Equal(HttpStatusCode.OK, redelivered);
        Assert.Equal(HttpStatusCode.BadRequest, undated);
        await using var db = zalo.App.CreateDbContext();
        Assert.Equal(["msg:msg-late"], await db.ZaloInbox.Select(e => e.DedupeKey).ToListAsync());
    }

    private static string At(string body, DateTimeOffset? when)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        json["timestamp"] = when?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "soon";
        return json.ToJsonString();
    }

    private static async Task<string> StartAuthorisationAsync(HttpClient http)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/admin/zalo/authorize-url");
        start.Headers.Add(AdminApiKeyFilter.Header, "admin-key-test");
        using var response = await http.SendAsync(start);
        var url = new Uri((await response.Content.ReadFromJsonAsync<JsonObject>())!["url"]!.GetValue<string>());
        return QueryHelpers.ParseQuery(url.Query)["state"].ToString();
    }
}
