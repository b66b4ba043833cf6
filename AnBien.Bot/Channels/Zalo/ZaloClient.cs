using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// The OA Open API calls the bot makes, on HttpClient (there is no usable .NET SDK, docs/protocols/zalo.md §6). The token
/// goes in the bare access_token header (§2.1). Errors come as HTTP 200 with error != 0 (§0): a token error refreshes
/// once and retries; -32, 429 and 5xx back off and retry (a Polly pipeline, because the rate limit hides in a 200
/// body where an HTTP resilience handler cannot see it); the rest is mapped to a <see cref="ZaloSendResult"/>.
/// </summary>
public sealed partial class ZaloClient(IHttpClientFactory httpClients, ZaloTokenStore tokens, IOptions<ZaloOptions> options, TimeProvider clock, ILogger<ZaloClient> logger)
{
    /// <summary>The named HttpClient of both Zalo clients (singletons, so they take fresh clients from the factory).</summary>
    public const string HttpClientName = "Zalo";

    private readonly ResiliencePipeline<ZaloResponse> _backoff = Backoff(options.Value, clock, logger);

    /// <summary>POST v3.0/oa/message/cs: a customer-service ("tư vấn") message (docs/protocols/zalo.md §2.1).</summary>
    public Task<ZaloSendResult> SendMessageAsync(JsonObject body, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        return CallAsync(() =>
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return new HttpRequestMessage(HttpMethod.Post, Url("v3.0/oa/message/cs")) { Content = content };
        }, ct);
    }

    /// <summary>
    /// POST {Zns.BaseUrl}message/template: the approved notification template by phone number, with the OA's access
    /// token (docs/protocols/zalo.md §2.5, CONFIRMED for the phone channel). ZNS errors are their own family (§2.6).
    /// </summary>
    public Task<ZaloSendResult> SendTemplateAsync(JsonObject body, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        return CallAsync(() =>
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.Zns.BaseUrl, "message/template")) { Content = content };
        }, ct);
    }

    /// <summary>POST v2.0/oa/upload/image, multipart field "file" (jpg/png ≤ 1 MB; docs/protocols/zalo.md §0, §2.2).</summary>
    public Task<ZaloSendResult> UploadImageAsync(byte[] image, string fileName, string mediaType, CancellationToken ct) =>
        CallAsync(() =>
        {
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            var form = new MultipartFormDataContent { { file, "file", fileName } };
            return new HttpRequestMessage(HttpMethod.Post, Url("v2.0/oa/upload/image")) { Content = form };
        }, ct);

    private Uri Url(string path) => new(options.Value.OpenApiBaseUrl, path);

    private async Task<ZaloSendResult> CallAsync(Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var token = await tokens.GetAccessTokenAsync(ct);
        var response = await _backoff.ExecuteAsync(static (call, cancel) => call.Client.SendAsync(call.Build, call.AccessToken, cancel),
            (Client: this, Build: build, AccessToken: token), ct);
        if (response.Envelope is { } rejected && ZaloErrors.IsTokenError(rejected.Error))
        {
            LogTokenRejected(logger, rejected.Error);
            var fresh = await tokens.RefreshAsync(token, ct);
            response = await _backoff.ExecuteAsync(static (call, cancel) => call.Client.SendAsync(call.Build, call.AccessToken, cancel),
                (Client: this, Build: build, AccessToken: fresh), ct);
        }

        if (response.Envelope is not { } result)
        {
            return new ZaloSendResult(DeliveryStatus.Failed, 0, $"Zalo API HTTP {response.Status}") { Retryable = true };
        }

        if (result.Error == 0)
        {
            return new ZaloSendResult(DeliveryStatus.Sent, 0, null, Text(result.Data, "message_id"), Text(result.Data, "attachment_id"));
        }

        LogApiError(logger, result.Error);
        var reachable = !ZaloErrors.IsNotReachable(result.Error);
        return new ZaloSendResult(reachable ? DeliveryStatus.Failed : DeliveryStatus.NotReachable, result.Error, ZaloErrors.Describe(result.Error))
        {
            Retryable = result.Error == ZaloErrors.RateLimited,
        };
    }

    private async ValueTask<ZaloResponse> SendAsync(Func<HttpRequestMessage> build, string token, CancellationToken ct)
    {
        using var request = build();
        request.Headers.TryAddWithoutValidation("access_token", token);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        var status = (int)response.StatusCode;
        return new ZaloResponse(status, status < 500 && response.StatusCode != HttpStatusCode.TooManyRequests ? await ReadEnvelopeAsync(response, ct) : null);
    }

    /// <summary>
    /// Server errors, HTTP 429 and error -32 wait and try again, the delay doubling from <see cref="ZaloOptions.SendRetryDelay"/>,
    /// up to <see cref="ZaloOptions.MaxSendAttempts"/> attempts in all. Waits run on the product's clock.
    /// </summary>
    private static ResiliencePipeline<ZaloResponse> Backoff(ZaloOptions settings, TimeProvider clock, ILogger logger)
    {
        if (settings.MaxSendAttempts <= 1) return ResiliencePipeline<ZaloResponse>.Empty;
        return new ResiliencePipelineBuilder<ZaloResponse> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<ZaloResponse>
            {
                MaxRetryAttempts = settings.MaxSendAttempts - 1,
                Delay = settings.SendRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { IsTransient: true }),
                OnRetry = args =>
                {
                    LogBackingOff(logger, args.Outcome.Result?.Envelope?.Error ?? 0, args.Outcome.Result?.Status ?? 0, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private static async Task<(int Error, JsonElement Data)?> ReadEnvelopeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = document.RootElement;
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.TryGetInt32(out var code)
                ? code
                : (response.IsSuccessStatusCode ? 0 : -(int)response.StatusCode);
            return (error, root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var d) ? d.Clone() : default);
        }
        catch (JsonException)
        {
            return response.IsSuccessStatusCode ? null : (-(int)response.StatusCode, default);
        }
    }

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo rejected the access token ({Error}); refreshing once and retrying")]
    private static partial void LogTokenRejected(ILogger logger, int error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo API busy (error {Error}, HTTP {Status}); backing off after attempt {Attempt}")]
    private static partial void LogBackingOff(ILogger logger, int error, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo API answered error {Error}")]
    private static partial void LogApiError(ILogger logger, int error);
}
