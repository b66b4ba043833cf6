using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// Issues and checks the web chat's tokens: JWTs signed with HMAC-SHA256 by WebChat:TokenSecret, made and read by
/// Microsoft.IdentityModel.JsonWebTokens. A token names its audience, user and conversation, so it opens exactly one
/// conversation and nothing else.
/// </summary>
/// <remarks>
/// A JWT and not ASP.NET Core Data Protection: Direct Line clients hold the token as an opaque bearer string for
/// 30 minutes and refresh it (docs/protocols/botframework.md §8, docs/webchat.md), and every instance behind a load
/// balancer must accept what another issued. With a JWT that needs only the one shared WebChat:TokenSecret the
/// operator already sets; Data Protection would need a shared key ring stored somewhere for every instance.
/// </remarks>
public sealed class WebChatTokens
{
    /// <summary>Who issued the token: only this bot reads it, clients treat it as opaque.</summary>
    public const string Issuer = "anbien-bot";

    /// <summary>The conversation claim; the user is the standard "sub".</summary>
    public const string ConversationClaim = "conv";

    // Instances share the secret and NTP time, not one clock: a few seconds of leeway, far below the one-minute stream token.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly JsonWebTokenHandler _handler = new()
    {
        SetDefaultTimesOnTokenCreation = false,
        // Ours are ~300 bytes; anything far larger is not ours and is refused before it is parsed.
        MaximumTokenSizeInBytes = 2048,
    };

    // A client sends the same token with every post for up to 30 minutes; the library's full check costs tens of
    // microseconds and kilobytes each time, so a token that passed it is remembered (by its exact text, signature
    // included) and only its expiry is checked again. Bounded: forgotten all at once when full.
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, WebChatToken> _passed = new(StringComparer.Ordinal);

    private readonly SigningCredentials _credentials;
    private readonly Dictionary<string, TokenValidationParameters> _parameters;
    private readonly TimeProvider _clock;

    public WebChatTokens(IOptions<WebChatOptions> options, TimeProvider clock)
    {
        _clock = clock;
        Options = options.Value;
        // Without a configured secret (development, demo) tokens die with the process, which is all a trial needs.
        var key = new SymmetricSecurityKey(string.IsNullOrEmpty(Options.TokenSecret)
            ? RandomNumberGenerator.GetBytes(32)
            : Encoding.UTF8.GetBytes(Options.TokenSecret));
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _parameters = new[] { WebChatToken.Conversation, WebChatToken.Stream, WebChatToken.Browser }
            .ToDictionary(audience => audience, audience => Parameters(key, audience), StringComparer.Ordinal);
    }

    public WebChatOptions Options { get; }

    public static string NewUserId() => "dl_" + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    public static string NewConversationId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(18));

    public string Issue(string audience, string userId, string? conversationId, TimeSpan lifetime) =>
        IssueGrant(audience, userId, conversationId, lifetime).Token;

    /// <summary>A new token and what it grants, so a caller that hands the token out need not read it back.</summary>
    public (string Token, WebChatToken Grant) IssueGrant(string audience, string userId, string? conversationId, TimeSpan lifetime)
    {
        // Whole seconds, as the token carries them, so the grant says what the token says.
        var now = DateTimeOffset.FromUnixTimeSeconds(_clock.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + lifetime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [JwtRegisteredClaimNames.Sub] = userId };
        if (conversationId is not null) claims[ConversationClaim] = conversationId;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = _credentials,
        });
        return (token, new WebChatToken(audience, userId, conversationId, expires));
    }

    /// <summary>The token's grant when it is well-formed, signed by us, meant for <paramref name="audience"/> and not expired.</summary>
    public async ValueTask<WebChatToken?> ValidateAsync(string? token, string audience)
    {
        if (string.IsNullOrEmpty(token)) return null;
        if (_passed.TryGetValue(token, out var known) && known.Audience == audience)
        {
            return _clock.GetUtcNow() < known.ExpiresAt + ClockSkew ? known : null;
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters[audience]);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || string.IsNullOrEmpty(jwt.Subject)) return null;
        var conversationId = jwt.TryGetPayloadValue<string>(ConversationClaim, out var conv) ? conv : null;
        var grant = new WebChatToken(audience, jwt.Subject, conversationId, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        if (_passed.Count >= MaxRemembered) _passed.Clear();
        _passed[token] = grant;
        return grant;
    }

    public int SecondsLeft(WebChatToken grant) => Math.Max(0, (int)(grant.ExpiresAt - _clock.GetUtcNow()).TotalSeconds);

    private TokenValidationParameters Parameters(SecurityKey key, string audience) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        // The library reads DateTime.UtcNow; the bot's clock is the TimeProvider (tests move it).
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            return expires is { } end && now < end + ClockSkew && (notBefore is not { } start || start <= now + ClockSkew);
        },
    };
}
