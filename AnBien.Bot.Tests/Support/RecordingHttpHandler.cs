using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace AnBien.Bot.Tests.Support;

/// <summary>
/// A fake remote API (Bot Connector, Zalo…): records every request exactly as sent and answers from a script
/// (default 200 {"id":"…"}). Tests assert on paths, headers and JSON bodies.
/// </summary>
public sealed class RecordingHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();
    private int _counter;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The answer for the next request (then the default again).</summary>
    public void Enqueue(Func<HttpRequestMessage, HttpResponseMessage> response) => _script.Enqueue(response);

    public void Enqueue(HttpStatusCode status, string body = "{}", IDictionary<string, string>? headers = null) => Enqueue(_ =>
    {
        var r = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) r.Headers.TryAddWithoutValidation(k, v);
        return r;
    });

    public void Clear() => Requests.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var response = _script.TryDequeue(out var scripted)
            ? scripted(request)
            : new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"id\":\"reply-{Interlocked.Increment(ref _counter)}\"}}", Encoding.UTF8, "application/json"),
            };
        var answer = response.Content is null ? null : await response.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!, headers, body) { Status = (int)response.StatusCode, ResponseBody = answer });
        return response;
    }
}

public sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    /// <summary>The status the fake answered with.</summary>
    public int Status { get; init; }

    public string? ResponseBody { get; init; }

    /// <summary>The "id" of the answer (a ResourceResponse), e.g. the id of a posted activity.</summary>
    public string? ResponseId => string.IsNullOrEmpty(ResponseBody) ? null : JsonNode.Parse(ResponseBody)?["id"]?.GetValue<string>();
}
