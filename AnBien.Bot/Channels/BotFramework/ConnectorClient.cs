using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// The Bot Connector REST calls the bot makes (reference/botframework.md §3, botbuilder-dotnet Conversations.cs).
/// Conversation and activity ids are percent-encoded in paths (teams.net ConversationClient uses EscapeDataString);
/// null fields are never sent (Teams rejects them, §1). Retries and pacing live in the HttpClient's handlers
/// (<see cref="BotFrameworkExtensions"/>). A failed call throws <see cref="ConnectorRequestException"/> with its status and Retry-After.
/// </summary>
public class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens)
{
    /// <summary>
    /// Set on sends to Teams (activities whose channelId is "msteams", and create-conversation) so the pacing handler keeps
    /// them within Teams' rate limits: the thread's key, or "" for calls that count only toward the app-wide limit.
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> TeamsThread = new("AnBien.TeamsThread");

    public Task<string?> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken ct) =>
        SendForIdAsync(HttpMethod.Post, $"{Conversation(serviceUrl, conversationId)}/activities/{Uri.EscapeDataString(replyToId)}", activity, ct,
            ThreadOf(serviceUrl, conversationId, activity));

    public Task<string?> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        SendForIdAsync(HttpMethod.Post, $"{Conversation(serviceUrl, conversationId)}/activities", activity, ct, ThreadOf(serviceUrl, conversationId, activity));

    public Task<string?> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        SendForIdAsync(HttpMethod.Put, $"{Conversation(serviceUrl, conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, ct);

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"{Conversation(serviceUrl, conversationId)}/activities/{Uri.EscapeDataString(activityId)}", null, ct);
    }

    /// <summary>POST /v3/conversations: opens (or finds) a 1:1 conversation for proactive messages (§3, §4).</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{Base(serviceUrl)}v3/conversations", parameters, ct, thread: "");
        return await response.Content.ReadFromJsonAsync<ConversationResourceResponse>(BotFrameworkJson.Options, ct)
            ?? throw new HttpRequestException("The Connector answered create-conversation without a body.");
    }

    /// <summary>GET /v3/conversations/{id}/members/{userId}: in Teams this carries the e-mail and UPN (§0 table).</summary>
    public async Task<ConversationMember?> GetConversationMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Conversation(serviceUrl, conversationId)}/members/{Uri.EscapeDataString(userId)}", null, ct);
        return await response.Content.ReadFromJsonAsync<ConversationMember>(BotFrameworkJson.Options, ct);
    }

    private async Task<string?> SendForIdAsync(HttpMethod method, string url, object body, CancellationToken ct, string? thread = null)
    {
        using var response = await SendAsync(method, url, body, ct, thread);
        if (response.Content.Headers.ContentLength is 0) return null;
        var resource = await response.Content.ReadFromJsonAsync<ResourceResponse>(BotFrameworkJson.Options, ct);
        return resource?.Id;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, CancellationToken ct, string? thread = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (thread is not null) request.Options.Set(TeamsThread, thread);
        if (body is not null)
        {
            // Serialised up front so the request carries Content-Length rather than a chunked body.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), BotFrameworkJson.Options));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        if (await tokens.GetTokenAsync(ct) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            var retryAfter = response.Headers.RetryAfter is { } after
                ? after.Delta ?? (after.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                : null;
            response.Dispose();
            throw new ConnectorRequestException($"The Bot Connector answered {(int)status} to {method} {new Uri(url).AbsolutePath}.", status, retryAfter);
        }

        return response;
    }

    private static string? ThreadOf(string serviceUrl, string conversationId, Activity activity) =>
        activity.ChannelId == "msteams" ? $"{new Uri(serviceUrl).Host}/{conversationId}" : null;

    private static string Conversation(string serviceUrl, string conversationId) =>
        $"{Base(serviceUrl)}v3/conversations/{Uri.EscapeDataString(conversationId)}";

    private static string Base(string serviceUrl) => serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/";

    private sealed record ResourceResponse(string? Id);
}
