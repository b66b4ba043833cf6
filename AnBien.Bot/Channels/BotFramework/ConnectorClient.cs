using System.Net.Http.Json;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// The Bot Connector REST calls the bot makes (reference/botframework.md §0, botbuilder-dotnet Conversations.cs).
/// Conversation and activity ids are percent-encoded in paths (teams.net ConversationClient uses EscapeDataString).
/// </summary>
public class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens)
{
    public Task<string?> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"{Base(serviceUrl)}v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(replyToId)}", activity, ct);

    public Task<string?> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"{Base(serviceUrl)}v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, ct);

    public Task<string?> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"{Base(serviceUrl)}v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, ct);

    protected async Task<string?> SendAsync(HttpMethod method, string url, object body, CancellationToken ct)
    {
        // Serialised up front so the request carries Content-Length rather than a chunked body.
        var content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), BotFrameworkJson.Options));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (await tokens.GetTokenAsync(ct) is { } token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength is 0) return null;
        var resource = await response.Content.ReadFromJsonAsync<ResourceResponse>(BotFrameworkJson.Options, ct);
        return resource?.Id;
    }

    protected static string Base(string serviceUrl) => serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/";

    private sealed record ResourceResponse(string? Id);
}
