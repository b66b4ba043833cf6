using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// Verifies the bearer token on /api/messages (docs/protocols/botframework.md §2): Connector tokens against the Bot
/// Framework OpenID keys (issuer, audience = app id, lifetime with 5 min skew, RS256/384/512), and, where the SDK's
/// EmulatorValidation allows them, Entra-issued tokens of the Emulator and of the bot's own tenant.
/// </summary>
public sealed partial class BotTokenVerifier
{
    public const string HttpClientName = "BotFramework.OpenId";

    // botbuilder-dotnet EmulatorValidation / AuthenticationConstants (docs/protocols/botframework.md §2).
    private static readonly string[] EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    /// <summary>Clock skew allowed on nbf/exp (docs/protocols/botframework.md §2 check 5).</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotFrameworkOptions _bot;
    private readonly TimeProvider _clock;
    private readonly ILogger<BotTokenVerifier> _logger;
    private readonly SigningKeySource _connectorKeys;
    private readonly SigningKeySource _entraKeys;
    private readonly JsonWebTokenHandler _handler = new();

    public BotTokenVerifier(IOptions<BotFrameworkOptions> bot, IHttpClientFactory http, TimeProvider clock,
        ILogger<BotTokenVerifier> logger)
    {
        _bot = bot.Value;
        _clock = clock;
        _logger = logger;
        _connectorKeys = new SigningKeySource(_bot.OpenIdMetadataUrl, http.CreateClient(HttpClientName), clock, _bot.SigningKeyLifetime);
        _entraKeys = new SigningKeySource(_bot.EntraOpenIdMetadataUrl, http.CreateClient(HttpClientName), clock, _bot.SigningKeyLifetime);
    }

    /// <summary>The caller proven by the Authorization header, or null (→ 401). Looks at nothing but the header.</summary>
    public async Task<BotCaller?> AuthenticateAsync(string? authorization, CancellationToken ct)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return Reject("no bearer token");
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(authorization[scheme.Length..].Trim());
        }
        catch (ArgumentException)
        {
            return Reject("not a JWT");
        }

        if (string.Equals(token.Issuer, _bot.ChannelIssuer, StringComparison.Ordinal))
        {
            var keys = await _connectorKeys.GetAsync(KeyIdOf(token), ct);
            var result = await ValidateAsync(token, keys, [_bot.ChannelIssuer]);
            if (result is null) return null;
            var keyId = result.SecurityToken.SigningKey?.KeyId ?? KeyIdOf(token);
            var serviceUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
            return BotCaller.Connector(keys.EndorsementsOf(keyId), serviceUrl);
        }

        var issuers = EntraIssuers();
        if (_bot.AcceptEntraTokens && issuers.Contains(token.Issuer, StringComparer.Ordinal))
        {
            var keys = await _entraKeys.GetAsync(KeyIdOf(token), ct);
            var result = await ValidateAsync(token, keys, issuers);
            if (result is null) return null;

            // Entra tokens name the calling app in "appid" (v1.0) or "azp" (v2.0); it must be this bot (EmulatorValidation).
            var appClaim = token.TryGetPayloadValue<string>("ver", out var ver) && ver == "2.0" ? "azp" : "appid";
            return token.TryGetPayloadValue<string>(appClaim, out var appId) && appId == _bot.MicrosoftAppId
                ? BotCaller.Entra
                : Reject("Entra token for another app");
        }

        return Reject("unknown issuer");
    }

    private async Task<TokenValidationResult?> ValidateAsync(JsonWebToken token, SigningKeySet keys, IEnumerable<string> issuers)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = issuers,
            ValidAudience = _bot.MicrosoftAppId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = Skew,
            IssuerSigningKeys = keys.Keys,
            ValidAlgorithms = Algorithms,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = _clock.GetUtcNow().UtcDateTime;
                return expires is { } exp && exp >= now - Skew && (notBefore is not { } nbf || nbf <= now + Skew);
            },
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (result.IsValid) return result;
        Reject(result.Exception?.GetType().Name ?? "invalid token");
        return null;
    }

    /// <summary>The Emulator's issuers, plus the bot's own tenant for single-tenant bots (EmulatorValidation.IsTokenFromEmulator).</summary>
    private List<string> EntraIssuers()
    {
        var issuers = EmulatorIssuers.ToList();
        if (_bot.IsSingleTenant && _bot.MicrosoftAppTenantId is { Length: > 0 } tenant)
        {
            issuers.Add($"https://sts.windows.net/{tenant}/");
            issuers.Add($"https://login.microsoftonline.com/{tenant}/v2.0");
        }

        return issuers;
    }

    private static string? KeyIdOf(JsonWebToken token) => string.IsNullOrEmpty(token.Kid) ? null : token.Kid;

    private BotCaller? Reject(string reason)
    {
        LogRejected(_logger, reason);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework token rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
