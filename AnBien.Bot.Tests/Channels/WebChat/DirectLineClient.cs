using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AnBien.Bot.Tests.Channels.WebChat;

/// <summary>A Direct Line 3.0 client as DirectLineJS behaves: starts a conversation, posts messages tagged with a client id, polls with a watermark.</summary>
public sealed class DirectLineClient(HttpClient http, string conversationId, string token)
{
    private int _sequence;

    public string ConversationId { get; } = conversationId;
    public string Token { get; set; } = token;
    public string Watermark { get; private set; } = "";

    public static async Task<DirectLineClient> StartAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/v3/directline/conversations", new { user = new { id = "someone-else" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new DirectLineClient(http, body["conversationId"]!.GetValue<string>(), body["token"]!.GetValue<string>());
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http.SendAsync(request);
    }

    /// <summary>Posts a message; returns the id the service gave it.</summary>
    public async Task<string> SayAsync(string text, string? clientActivityId = null, object? value = null)
    {
        var id = clientActivityId ?? $"client-{Interlocked.Increment(ref _sequence)}";
        using var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", new
        {
            type = "message",
            from = new { id = "forged-user", role = "user" },
            text,
            value,
            channelData = new { clientActivityID = id },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>The activities after the last watermark, as a polling client gets them.</summary>
    public async Task<IReadOnlyList<JsonNode>> ReadAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={Watermark}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Watermark = body["watermark"]!.GetValue<string>();
        return body["activities"]!.AsArray().Select(a => a!).ToList();
    }
}
