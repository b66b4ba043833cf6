using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AnBien.Bot.Tests.Support;

namespace AnBien.Bot.Tests.Channels.Teams;

/// <summary>
/// A Teams client in a personal chat, as the Bot Connector delivers it: activities with channelId "msteams", a signed
/// token per request, card clicks as Action.Submit messages carrying the button's data in <c>value</c>.
/// </summary>
public sealed class TeamsChat(BotApplication app, FakeBotFrameworkCloud cloud, string userId = "29:1lan-teams-user",
    string aadObjectId = "00000000-0000-4000-8000-000000000001")
{
    private readonly HttpClient _http = app.CreateClient();
    private int _sequence;

    public string ConversationId { get; init; } = "a:1" + Guid.NewGuid().ToString("N")[..12];
    public string ConversationType { get; init; } = "personal";

    public JsonObject Activity(string type, string? text = null, JsonNode? value = null, string? replyToId = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = $"1{Interlocked.Increment(ref _sequence):D12}",
            ["timestamp"] = "2026-11-28T02:00:00.000Z",
            ["channelId"] = "msteams",
            ["serviceUrl"] = FakeBotFrameworkCloud.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Nguyễn Thị Lan", ["aadObjectId"] = aadObjectId },
            ["recipient"] = new JsonObject { ["id"] = "28:" + FakeBotFrameworkCloud.AppId, ["name"] = "AnBien.Bot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = ConversationId, ["conversationType"] = ConversationType, ["tenantId"] = FakeBotFrameworkCloud.TenantId,
                ["isGroup"] = ConversationType != "personal",
            },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = FakeBotFrameworkCloud.TenantId } },
        };
        if (text is not null) activity["text"] = text;
        if (value is not null) activity["value"] = value;
        if (replyToId is not null) activity["replyToId"] = replyToId;
        return activity;
    }

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        token = token == "" ? cloud.Token(app.Clock.GetUtcNow()) : token;
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    /// <summary>Types a message; returns the cards and texts the bot posted for it.</summary>
    public Task<IReadOnlyList<TeamsReply>> SayAsync(string text) => DeliverAsync(Activity("message", text));

    /// <summary>Clicks a card button (Action.Submit): Teams sends a message whose value is the button's data.</summary>
    public Task<IReadOnlyList<TeamsReply>> ClickAsync(TeamsReply card, string button) =>
        DeliverAsync(Activity("message", value: card.DataOf(button).DeepClone(), replyToId: card.Id));

    public async Task<IReadOnlyList<TeamsReply>> DeliverAsync(JsonObject activity)
    {
        var before = app.Connector.Requests.Count;
        var response = await PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Posted(before);
    }

    /// <summary>Messages the bot posted to this conversation since request number <paramref name="from"/>.</summary>
    public IReadOnlyList<TeamsReply> Posted(int from) =>
        app.Connector.Requests.Skip(from)
            .Where(r => r.Method == "POST" && r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(ConversationId) + "/activities", StringComparison.Ordinal))
            .Select(r => new TeamsReply(r.Json!.AsObject(), r.ResponseId))
            .ToList();
}
