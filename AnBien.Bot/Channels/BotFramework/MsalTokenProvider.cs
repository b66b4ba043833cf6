using AnBien.Bot.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// Bearer tokens for Connector calls by client credentials (docs/protocols/botframework.md §3): from the bot's own tenant for
/// single-tenant bots, from botframework.com for multi-tenant ones, or from the App Service managed identity. MSAL keeps
/// the token in its in-memory cache and fetches a new one shortly before it expires.
/// </summary>
public sealed class MsalTokenProvider : IConnectorTokenProvider
{
    public const string HttpClientName = "BotFramework.Token";

    private readonly Func<CancellationToken, Task<AuthenticationResult>> _acquire;
    private readonly OperationsMetrics _metrics;

    public MsalTokenProvider(IOptions<BotFrameworkOptions> bot, IHttpClientFactory http, OperationsMetrics metrics)
    {
        _metrics = metrics;
        var b = bot.Value;
        var msalHttp = new MsalHttpClientFactory(http);
        if (b.IsManagedIdentity)
        {
            // Managed identities ask for a resource, not a scope (§0 table: resource=https://api.botframework.com).
            var resource = b.OAuthScope.EndsWith("/.default", StringComparison.Ordinal) ? b.OAuthScope[..^"/.default".Length] : b.OAuthScope;
            var app = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(b.MicrosoftAppId!))
                .WithHttpClientFactory(msalHttp)
                .Build();
            _acquire = ct => app.AcquireTokenForManagedIdentity(resource).ExecuteAsync(ct);
        }
        else
        {
            var tenant = b.IsSingleTenant ? b.MicrosoftAppTenantId! : b.MultiTenantAuthority;
            var app = ConfidentialClientApplicationBuilder.Create(b.MicrosoftAppId)
                .WithClientSecret(b.MicrosoftAppPassword)
                .WithAuthority($"{b.LoginEndpoint.TrimEnd('/')}/{tenant}", validateAuthority: false)
                // The login endpoint is configured (sovereign clouds, tests): no instance discovery round trip.
                .WithInstanceDiscovery(false)
                .WithHttpClientFactory(msalHttp)
                .Build();
            string[] scopes = [b.OAuthScope];
            _acquire = ct => app.AcquireTokenForClient(scopes).ExecuteAsync(ct);
        }
    }

    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        AuthenticationResult result;
        try
        {
            result = await _acquire(ct);
        }
        catch (MsalServiceException)
        {
            _metrics.TokenRefreshed(Channel, succeeded: false);
            throw;
        }

        // Served from MSAL's cache most of the time; only a fetch from the identity provider is a refresh.
        if (result.AuthenticationResultMetadata?.TokenSource is not TokenSource.Cache) _metrics.TokenRefreshed(Channel, succeeded: true);
        return result.AccessToken;
    }

    private const string Channel = "botframework";

    private sealed class MsalHttpClientFactory(IHttpClientFactory http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http.CreateClient(HttpClientName);
    }
}
