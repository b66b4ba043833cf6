using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// Issues and checks the web chat's tokens: compact JWTs (RFC 7519) signed with HMAC-SHA256 by WebChat:TokenSecret.
/// A token names its audience, user and conversation, so it opens exactly one conversation and nothing else.
/// </summary>
public sealed class WebChatTokens
{
    private static readonly string Header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public WebChatTokens(IOptions<WebChatOptions> options, TimeProvider clock)
    {
        _clock = clock;
        Options = options.Value;
        // Without a configured secret (development, demo) tokens die with the process, which is all a trial needs.
        _key = string.IsNullOrEmpty(Options.TokenSecret) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(Options.TokenSecret);
    }

    public WebChatOptions Options { get; }

    public static string NewUserId() => "dl_" + Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string NewConversationId() => Base64Url(RandomNumberGenerator.GetBytes(18));

    public string Issue(string audience, string userId, string? conversationId, TimeSpan lifetime)
    {
        var now = _clock.GetUtcNow();
        var claims = new Claims(audience, userId, conversationId, now.ToUnixTimeSeconds(), (now + lifetime).ToUnixTimeSeconds());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signed = $"{Header}.{payload}";
        return $"{signed}.{Base64Url(Sign(signed))}";
    }

    /// <summary>The token's grant when it is well-formed, signed by us, meant for <paramref name="audience"/> and not expired.</summary>
    public WebChatToken? Validate(string? token, string audience)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header) return null;
        var expected = Sign($"{parts[0]}.{parts[1]}");
        var actual = FromBase64Url(parts[2]);
        if (actual is null || !CryptographicOperations.FixedTimeEquals(expected, actual)) return null;

        Claims? claims;
        try
        {
            claims = FromBase64Url(parts[1]) is { } json ? JsonSerializer.Deserialize<Claims>(json) : null;
        }
        catch (JsonException)
        {
            return null;
        }

        if (claims is null || claims.Aud != audience || string.IsNullOrEmpty(claims.User)) return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.Exp);
        return expires <= _clock.GetUtcNow() ? null : new WebChatToken(claims.Aud, claims.User, claims.Conv, expires);
    }

    public int SecondsLeft(WebChatToken grant) => Math.Max(0, (int)(grant.ExpiresAt - _clock.GetUtcNow()).TotalSeconds);

    private byte[] Sign(string text) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(text));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // The claim names are this bot's own: only this bot reads them, clients treat the token as opaque.
    private sealed record Claims(
        [property: JsonPropertyName("aud")] string Aud,
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("conv")] string? Conv,
        [property: JsonPropertyName("iat")] long Iat,
        [property: JsonPropertyName("exp")] long Exp);
}
