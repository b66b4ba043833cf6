using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Channels.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AnBien.Bot.Tests.Channels.Teams;

/// <summary>
/// The identity side of the Bot Framework cloud, in memory: OpenID metadata and a JWKS document (with endorsements)
/// for locally generated RSA keys, a token endpoint for the bot's client credentials, and a minter of Connector tokens.
/// </summary>
public sealed class FakeBotFrameworkCloud : HttpMessageHandler
{
    public const string AppId = "a1b2c3d4-0000-4000-8000-00000000b07a";
    public const string TenantId = "7e5a1d2c-0000-4000-8000-0000000a0b1e";
    public const string ServiceUrl = "https://smba.test/teams/";
    public const string Issuer = "https://api.botframework.com";
    public const string MetadataUrl = "https://login.botframework.test/v1/.well-known/openidconfiguration";
    public const string KeysUrl = "https://login.botframework.test/v1/.well-known/keys";
    public const string BotToken = "bot-access-token-1";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _unpublished = RSA.Create(2048);
    private int _metadataRequests;
    private int _tokenRequests;

    public FakeBotFrameworkCloud() => SigningKey = new RsaSecurityKey(_rsa) { KeyId = "published-key" };

    public RsaSecurityKey SigningKey { get; }

    public RsaSecurityKey UnpublishedKey => new(_unpublished) { KeyId = "unpublished-key" };

    /// <summary>The channels the published key is endorsed for.</summary>
    public List<string> Endorsements { get; } = ["msteams"];

    public int MetadataRequests => _metadataRequests;
    public int TokenRequests => _tokenRequests;
    public List<string> TokenRequestBodies { get; } = [];

    public Dictionary<string, string?> Settings() => new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-a-real-secret",
        ["MicrosoftAppTenantId"] = TenantId,
        ["BotFramework:OpenIdMetadataUrl"] = MetadataUrl,
        ["BotFramework:LoginEndpoint"] = "https://login.test",
        ["Teams:DefaultServiceUrl"] = ServiceUrl,
        ["BotFramework:RetryDelay"] = "00:00:00.050",
        // A test clicks far faster than a person: the per-thread pacing (tested on its own) must not slow it down.
        ["Teams:ThreadSendLimits:1"] = "1000",
        ["Teams:ThreadSendLimits:2"] = "1000",
        ["Teams:ThreadSendLimits:30"] = "1000",
    };

    public void Register(IServiceCollection services)
    {
        services.AddHttpClient(BotTokenVerifier.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => this);
        services.AddHttpClient(MsalTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => this);
    }

    /// <summary>A Connector token as the Bot Framework signs it (docs/protocols/botframework.md §2).</summary>
    public string Token(DateTimeOffset now, string audience = AppId, string issuer = Issuer, string serviceUrl = ServiceUrl,
        SecurityKey? key = null, TimeSpan? lifetime = null)
    {
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (expires < now ? expires - TimeSpan.FromHours(1) : now).UtcDateTime,
            NotBefore = (expires < now ? expires - TimeSpan.FromHours(1) : now).UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.ToString();
        if (url == MetadataUrl)
        {
            Interlocked.Increment(ref _metadataRequests);
            return Json(new JsonObject
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = KeysUrl,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
        }

        if (url == KeysUrl)
        {
            var p = _rsa.ExportParameters(false);
            var endorsements = new JsonArray();
            foreach (var e in Endorsements) endorsements.Add(e);
            return Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = SigningKey.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    ["endorsements"] = endorsements,
                }),
            });
        }

        if (request.RequestUri.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _tokenRequests);
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (TokenRequestBodies) TokenRequestBodies.Add($"{request.RequestUri.AbsolutePath}?{form}");
            return Json(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["ext_expires_in"] = 3600, ["access_token"] = BotToken });
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private static HttpResponseMessage Json(JsonNode body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}
