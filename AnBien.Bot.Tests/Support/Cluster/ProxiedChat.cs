using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AnBien.Bot.Tests.Support.Cluster;

/// <summary>
/// The bot's web chat page through the proxy: a session from /api/webchat/session, then Direct Line posts and activity
/// GETs. nginx names the instance behind every answer; a post can be steered to an instance by reading once more first
/// (round robin sends the next request to the instance that did not answer the last one).
/// </summary>
public sealed class ProxiedChat(HttpClient http, JsonObject session)
{
    private string? _lastUpstream;

    public string ConversationId { get; } = session["conversationId"]!.GetValue<string>();
    public string StreamUrl { get; } = session["streamUrl"]!.GetValue<string>();
    private string Token { get; } = session["token"]!.GetValue<string>();
    public string Watermark { get; private set; } = "";

    /// <summary>Every activity read so far, in order.</summary>
    public List<JsonNode> History { get; } = [];

    /// <summary>The instance that took each post, in order.</summary>
    public List<string> PostedOn { get; } = [];

    public static async Task<ProxiedChat> OpenAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/webchat/session", new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var chat = new ProxiedChat(http, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
        chat.Saw(response);
        return chat;
    }

    /// <summary>Opens a session and links it to the staff member with an activation code typed in the chat (agreeing to the notice if asked).</summary>
    public static async Task<ProxiedChat> LinkAsync(HttpClient http, ClusterFixture cluster, string staffCode)
    {
        var chat = await OpenAsync(http);
        var replies = await chat.SayAsync(await cluster.ActivationCodeAsync(staffCode));
        if (replies.Count > 0 && replies[^1].Buttons.Contains("Tôi đồng ý")) replies = await chat.SayAsync("Tôi đồng ý");
        Assert.Contains(chat.History, a => a["text"]?.GetValue<string>().StartsWith("Liên kết thành công", StringComparison.Ordinal) == true);
        return chat;
    }

    /// <summary>The upstream that answered a response ($upstream_addr).</summary>
    public static string UpstreamOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(NginxProxy.UpstreamHeader, out var values) ? values.Single() : "";

    /// <summary>Posts a message on <paramref name="instance"/> (by default not the one that took the previous post) and returns the bot's replies to it.</summary>
    public async Task<IReadOnlyList<BotReply>> SayAsync(string text, string? instance = null)
    {
        var id = await PostAsync(text, instance);
        return await RepliesToAsync(id);
    }

    /// <summary>Posts a message and returns the id Direct Line gave it.</summary>
    public async Task<string> PostAsync(string text, string? instance = null)
    {
        for (var tries = 0; tries < 4 && _lastUpstream is not null && Lands(instance) is false; tries++) await ReadAsync();
        using var request = Request(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities");
        request.Content = JsonContent.Create(new
        {
            type = "message",
            from = new { id = "page-user", role = "user" },
            text,
            channelData = new { clientActivityID = Guid.NewGuid().ToString("N") },
        });
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Saw(response);
        PostedOn.Add(UpstreamOf(response));
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>Reads until the bot has answered the activity, then once more for the rest of its replies.</summary>
    public async Task<IReadOnlyList<BotReply>> RepliesToAsync(string activityId)
    {
        for (var i = 0; i < 300 && !History.Any(a => RepliesTo(a, activityId)); i++)
        {
            if ((await ReadAsync()).Count == 0) await Task.Delay(50);
        }

        await Task.Delay(200);
        await ReadAsync();
        var replies = History.Where(a => RepliesTo(a, activityId)).Select(a => new BotReply(a)).ToList();
        Assert.True(replies.Count > 0, $"No reply to {activityId} within 15 s.");
        return replies;
    }

    /// <summary>The activities after the watermark (a polling client's GET).</summary>
    public async Task<IReadOnlyList<JsonNode>> ReadAsync()
    {
        using var request = Request(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={Watermark}");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Saw(response);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Watermark = body["watermark"]?.GetValue<string>() ?? Watermark;
        var activities = body["activities"]!.AsArray().Select(a => a!.DeepClone()).ToList();
        History.AddRange(activities);
        return activities;
    }

    /// <summary>The bot's message texts so far.</summary>
    public IReadOnlyList<string> BotTexts() =>
        History.Where(a => a["from"]?["role"]?.GetValue<string>() == "bot" && a["type"]?.GetValue<string>() == "message")
            .Select(a => a["text"]?.GetValue<string>() ?? "").ToList();

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return request;
    }

    /// <summary>Whether the next request lands on the wanted instance: round robin over two answers with the one not used last.</summary>
    private bool Lands(string? instance) => instance is null
        ? PostedOn.Count == 0 || _lastUpstream == PostedOn[^1]
        : _lastUpstream != instance;

    private void Saw(HttpResponseMessage response) => _lastUpstream = UpstreamOf(response);

    private static bool RepliesTo(JsonNode activity, string id) =>
        activity["replyToId"]?.GetValue<string>() == id && activity["from"]?["role"]?.GetValue<string>() == "bot";
}
