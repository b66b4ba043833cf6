using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Privacy;
using AnBien.Bot.Summaries;
using AnBien.Bot.Tests.Channels.WebChat;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Security;

/// <summary>
/// The rows of the authorization matrix (issue 9 item 7) for people who hold a VALID credential of their own kind and use
/// it on what is not theirs: staff, a unit head and the council with signed summary links, a person's /my-data link,
/// a web chat's tokens and browser key. Each must be refused while the owner's use works, straight and through a proxy
/// (a request with X-Forwarded-For from a proxy that is not configured: the credential, not the address, decides).
/// <see cref="AuthorizationMatrixTests"/> has the rows without credentials.
/// </summary>
public sealed class CredentialMatrixTests
{
    private const string Month = "2026-11";

    /// <summary>Who holds what and uses it where, and the status they must get.</summary>
    private static readonly (string Row, int Status)[] Rows =
    [
        ("summary workbook: unit head NV002, own unit VP", 200),
        ("summary workbook: unit head NV002, another unit KT", 404),
        ("summary workbook: unit head NV002, the parent unit XA", 404),
        ("summary workbook: unit head NV009, another unit VP", 404),
        ("summary workbook: staff NV001, own unit VP", 404),
        ("summary workbook: council NV006, any unit KT", 200),
        ("summary chart: unit head NV002, another unit KT", 404),
        ("summary chart link used as a workbook link", 404),
        ("my-data: NV001 with her own link", 200),
        ("my-data: NV001's link re-pointed at NV002", 404),
        ("my-data: a summary link used as a my-data link", 404),
        ("direct line: own token, own conversation (read)", 200),
        ("direct line: own token, another's conversation (read)", 403),
        ("direct line: own token, another's conversation (post)", 403),
        ("direct line: own token, another's conversation (reconnect)", 403),
        ("direct line: own stream token, another's conversation (stream)", 403),
        ("direct line: a browser key used as a conversation token", 403),
        ("direct line: a stream token used to refresh", 403),
        ("web chat: own browser key, another's conversation id (resumes a new one)", 200),
    ];

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var (row, _) in Rows)
        {
            data.Add(row, false);
            data.Add(row, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ACredentialOpensOnlyWhatItWasGivenFor(string row, bool proxied)
    {
        // The demo directory (NV001 staff, NV002 head of VP, NV009 head of KT, NV006 council) and its open November.
        await using var app = await BotApplication.StartAsync(services: PeerFromHeader.AddTo,
            settings: new() { ["BotFramework:AllowLocalMode"] = "false", ["Bot:PublicBaseUrl"] = "https://vanhoa.example.vn/bot" });
        var http = app.CreateClient();
        var mine = await DirectLineClient.StartAsync(http);
        var theirs = await DirectLineClient.StartAsync(http);
        // The credentials as the service hands them out: a browser key from the page's session, a stream token from a reconnect.
        using var session = await http.PostAsJsonAsync("/api/webchat/session", new { });
        var browserKey = (await session.Content.ReadFromJsonAsync<JsonObject>())!["browserKey"]!.GetValue<string>();
        using var reconnect = await mine.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{mine.ConversationId}");
        var streamUrl = (await reconnect.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]!.GetValue<string>();
        var streamToken = streamUrl[(streamUrl.IndexOf("t=", StringComparison.Ordinal) + 2)..].Split('&')[0];

        using var request = row switch
        {
            "summary workbook: unit head NV002, own unit VP" => Get(await SummaryAsync(app, SummaryLinks.WorkbookKind, "NV002", "VP")),
            "summary workbook: unit head NV002, another unit KT" => Get(await SummaryAsync(app, SummaryLinks.WorkbookKind, "NV002", "KT")),
            "summary workbook: unit head NV002, the parent unit XA" => Get(await SummaryAsync(app, SummaryLinks.WorkbookKind, "NV002", "XA")),
            "summary workbook: unit head NV009, another unit VP" => Get(await SummaryAsync(app, SummaryLinks.WorkbookKind, "NV009", "VP")),
            "summary workbook: staff NV001, own unit VP" => Get(await SummaryAsync(app, SummaryLinks.WorkbookKind, "NV001", "VP")),
            "summary workbook: council NV006, any unit KT" => Get(await SummaryAsync(app, SummaryLinks.WorkbookKind, "NV006", "KT")),
            "summary chart: unit head NV002, another unit KT" => Get(await SummaryAsync(app, SummaryLinks.ChartKind, "NV002", "KT")),
            "summary chart link used as a workbook link" =>
                Get((await SummaryAsync(app, SummaryLinks.ChartKind, "NV002", "VP")).Replace("/summaries/png/", "/summaries/xlsx/", StringComparison.Ordinal)),
            "my-data: NV001 with her own link" => Get(await MyDataAsync(app, "NV001")),
            "my-data: NV001's link re-pointed at NV002" => Get(await RepointedAsync(app)),
            "my-data: a summary link used as a my-data link" =>
                Get(PersonalDataLinks.Path + (await SummaryAsync(app, SummaryLinks.WorkbookKind, "NV001", "VP")).Split('/')[^1]),
            "direct line: own token, own conversation (read)" => Bearer(HttpMethod.Get, $"/v3/directline/conversations/{mine.ConversationId}/activities", mine.Token),
            "direct line: own token, another's conversation (read)" => Bearer(HttpMethod.Get, $"/v3/directline/conversations/{theirs.ConversationId}/activities", mine.Token),
            "direct line: own token, another's conversation (post)" => Bearer(HttpMethod.Post, $"/v3/directline/conversations/{theirs.ConversationId}/activities", mine.Token,
                new { type = "message", text = "xin chào" }),
            "direct line: own token, another's conversation (reconnect)" => Bearer(HttpMethod.Get, $"/v3/directline/conversations/{theirs.ConversationId}", mine.Token),
            "direct line: own stream token, another's conversation (stream)" => Get($"/v3/directline/conversations/{theirs.ConversationId}/stream?t={streamToken}"),
            "direct line: a browser key used as a conversation token" => Bearer(HttpMethod.Get, $"/v3/directline/conversations/{mine.ConversationId}/activities", browserKey),
            "direct line: a stream token used to refresh" => Bearer(HttpMethod.Post, "/v3/directline/tokens/refresh", streamToken),
            "web chat: own browser key, another's conversation id (resumes a new one)" =>
                Post("/api/webchat/session", new { browserKey, conversationId = theirs.ConversationId }),
            _ => throw new ArgumentOutOfRangeException(nameof(row), row, "A row without a request."),
        };
        request.Headers.Add(PeerFromHeader.Header, proxied ? "127.0.0.1" : "203.0.113.7");
        if (proxied) request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await http.SendAsync(request);

        Assert.Equal(Rows.Single(r => r.Row == row).Status, (int)response.StatusCode);
        if (row.StartsWith("my-data: NV001 with", StringComparison.Ordinal))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Nguyễn Thị Lan", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Trần Văn Minh", body, StringComparison.Ordinal);
        }

        if (row.StartsWith("web chat:", StringComparison.Ordinal))
        {
            // A session opens, but never the other person's conversation: theirs is not this browser's.
            var opened = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.NotEqual(theirs.ConversationId, opened["conversationId"]!.GetValue<string>());
        }

        if (row.Contains("(post)", StringComparison.Ordinal))
        {
            await using var db = app.CreateDbContext();
            Assert.Equal(0, await db.WebChatActivities.CountAsync(a => a.ConversationId == theirs.ConversationId && a.Json.Contains("xin chào")));
        }
    }

    [Fact]
    public void EveryRowIsDistinct() => Assert.Equal(Rows.Length, Rows.Select(r => r.Row).Distinct(StringComparer.Ordinal).Count());

    private static async Task<string> SummaryAsync(BotApplication app, string kind, string viewer, string unit)
    {
        await using var db = app.CreateDbContext();
        var id = (await db.Staff.SingleAsync(s => s.Code == viewer)).Id;
        var link = app.Services.GetRequiredService<SummaryLinks>().For(kind, id, new SummaryRequest(unit, false, SummaryPeriod.Parse(Month)), "vi")!;
        return link.AbsolutePath["/bot".Length..];
    }

    private static async Task<string> MyDataAsync(BotApplication app, string code)
    {
        await using var db = app.CreateDbContext();
        var id = (await db.Staff.SingleAsync(s => s.Code == code)).Id;
        // The link is absolute when Bot:PublicBaseUrl is set (it is here, for the summary links): keep its path from /my-data/.
        var link = app.Services.GetRequiredService<PersonalDataLinks>().Create(id).Json.OriginalString;
        return link[link.IndexOf(PersonalDataLinks.Path, StringComparison.Ordinal)..];
    }

    /// <summary>A genuine link of Lan's with its subject swapped for Minh's id: the signature no longer matches.</summary>
    private static async Task<string> RepointedAsync(BotApplication app)
    {
        var own = await MyDataAsync(app, "NV001");
        var other = await MyDataAsync(app, "NV002");
        // Same length tokens from the same key: Lan's signature on Minh's payload.
        var ownToken = own[PersonalDataLinks.Path.Length..own.IndexOf('?', StringComparison.Ordinal)];
        var otherToken = other[PersonalDataLinks.Path.Length..other.IndexOf('?', StringComparison.Ordinal)];
        var forged = otherToken[..(otherToken.Length / 2)] + ownToken[(ownToken.Length / 2)..];
        Assert.NotEqual(otherToken, forged);
        return PersonalDataLinks.Path + forged + "?format=json";
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Bearer(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
