using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// The Bot Connector REST calls the bot makes (docs/protocols/botframework.md §3, botbuilder-dotnet Conversations.cs).
/// Every path below the serviceUrl is built here from escaped segments, never taken from input: conversation and activity
/// ids are percent-encoded (teams.net ConversationClient uses EscapeDataString), dot segments included. Null fields are
/// never sent (Teams rejects them, §1). Retries, and any pacing a channel adds, live in the HttpClient's handlers
/// (<see cref="BotFrameworkExtensions"/>), which see each send's <see cref="Call"/>. A failed call throws
/// <see cref="ConnectorRequestException"/> with its status and Retry-After.
/// </summary>
public class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens)
{
    /// <summary>Set on sends into a conversation and on create-conversation, for handlers that pace per channel and thread.</summary>
    public static readonly HttpRequestOptionsKey<ConnectorCall> Call = new("AnBien.ConnectorCall");

    public Task<string?> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken ct) =>
        SendForIdAsync(HttpMethod.Post, Url(serviceUrl, "conversations", conversationId, "activities", replyToId), activity, ct,
            CallOf(serviceUrl, conversationId, activity));

    public Task<string?> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken ct) =>
        SendForIdAsync(HttpMethod.Post, Url(serviceUrl, "conversations", conversationId, "activities"), activity, ct,
            CallOf(serviceUrl, conversationId, activity));

    public Task<string?> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken ct) =>
        SendForIdAsync(HttpMethod.Put, Url(serviceUrl, "conversations", conversationId, "activities", activityId), activity, ct);

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Delete, Url(serviceUrl, "conversations", conversationId, "activities", activityId), null, ct);
    }

    /// <summary>POST /v3/conversations: opens (or finds) a 1:1 conversation for proactive messages (§3, §4).</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, string channelId, ConversationParameters parameters,
        CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, Url(serviceUrl, "conversations"), parameters, ct, new ConnectorCall(channelId, null));
        return await response.Content.ReadFromJsonAsync<ConversationResourceResponse>(BotFrameworkJson.Options, ct)
            ?? throw new HttpRequestException("The Connector answered create-conversation without a body.");
    }

    /// <summary>GET /v3/conversations/{id}/members/{userId}: in Teams this carries the e-mail and UPN (§0 table).</summary>
    public async Task<ConversationMember?> GetConversationMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, Url(serviceUrl, "conversations", conversationId, "members", userId), null, ct);
        return await response.Content.ReadFromJsonAsync<ConversationMember>(BotFrameworkJson.Options, ct);
    }

    /// <summary>
    /// {serviceUrl}/v3/{segments}: the serviceUrl's own path is kept (Teams uses regional ones such as /amer/), every segment
    /// is escaped, and "." or ".." as an id is escaped too, so no id can climb out of the conversation's path.
    /// </summary>
    public static Uri Url(string serviceUrl, params ReadOnlySpan<string> segments)
    {
        if (!ServiceUrls.TryParse(serviceUrl, out var service))
        {
            throw new ArgumentException("The serviceUrl is not an absolute http(s) URL without credentials, query or fragment.", nameof(serviceUrl));
        }

        var url = new StringBuilder(service.GetLeftPart(UriPartial.Path).TrimEnd('/')).Append("/v3");
        foreach (var segment in segments)
        {
            var escaped = Uri.EscapeDataString(segment);
            url.Append('/').Append(escaped is "." or ".." ? escaped.Replace(".", "%2E", StringComparison.Ordinal) : escaped);
        }

        // System.Uri would decode %2E and then drop the dot segments; the path is already built safely from escaped parts.
        return new Uri(url.ToString(), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }

    private async Task<string?> SendForIdAsync(HttpMethod method, Uri url, object body, CancellationToken ct, ConnectorCall? call = null)
    {
        using var response = await SendAsync(method, url, body, ct, call);
        if (response.Content.Headers.ContentLength is 0) return null;
        var resource = await response.Content.ReadFromJsonAsync<ResourceResponse>(BotFrameworkJson.Options, ct);
        return resource?.Id;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, object? body, CancellationToken ct, ConnectorCall? call = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (call is not null) request.Options.Set(Call, call);
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
            throw new ConnectorRequestException($"The Bot Connector answered {(int)status} to {method} {url.AbsolutePath}.", status, retryAfter);
        }

        return response;
    }

    private static ConnectorCall? CallOf(string serviceUrl, string conversationId, Activity activity) =>
        activity.ChannelId is { Length: > 0 } channel ? new ConnectorCall(channel, $"{new Uri(serviceUrl).Host}/{conversationId}") : null;

    private sealed record ResourceResponse(string? Id);
}
