using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// POST {OAuthBaseUrl}v4/oa/access_token, form-encoded, with the app secret in the secret_key header
/// (docs/protocols/zalo.md §3.2). Refusals come as error_name/error_reason/error_description or a numeric error, sometimes
/// with HTTP 200 (§3.4): a pair counts only when both tokens are present. Network and 5xx failures throw instead,
/// because they say nothing about the grant.
/// </summary>
public sealed class ZaloOAuthClient(IHttpClientFactory httpClients, IOptions<ZaloOptions> options)
{
    public Task<ZaloTokenResponse> ExchangeCodeAsync(string code, string verifier, CancellationToken ct) =>
        PostAsync(new Dictionary<string, string>
        {
            ["code"] = code, ["app_id"] = options.Value.AppId ?? "", ["grant_type"] = "authorization_code", ["code_verifier"] = verifier,
        }, ct);

    public Task<ZaloTokenResponse> RefreshAsync(string refreshToken, CancellationToken ct) =>
        PostAsync(new Dictionary<string, string>
        {
            ["refresh_token"] = refreshToken, ["app_id"] = options.Value.AppId ?? "", ["grant_type"] = "refresh_token",
        }, ct);

    private async Task<ZaloTokenResponse> PostAsync(Dictionary<string, string> form, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.OAuthBaseUrl, "v4/oa/access_token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.TryAddWithoutValidation("secret_key", options.Value.AppSecretKey);
        using var response = await httpClients.CreateClient(ZaloClient.HttpClientName).SendAsync(request, ct);
        if ((int)response.StatusCode >= 500) response.EnsureSuccessStatusCode();

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return ZaloTokenResponse.Refused($"HTTP {(int)response.StatusCode}, body is not JSON");
        }

        var access = Text(root, "access_token");
        var refresh = Text(root, "refresh_token");
        if (!string.IsNullOrEmpty(access) && !string.IsNullOrEmpty(refresh))
        {
            // expires_in is a string ("90000") in the official samples; accept a number too.
            var seconds = double.TryParse(Text(root, "expires_in"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 90000;
            return new ZaloTokenResponse(access, refresh, TimeSpan.FromSeconds(seconds), null);
        }

        var reason = Text(root, "error_name") ?? Text(root, "error_reason") ?? Text(root, "error") ?? "no token in the response";
        return ZaloTokenResponse.Refused($"HTTP {(int)response.StatusCode}, {reason}");
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v)
            ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null }
            : null;
}
