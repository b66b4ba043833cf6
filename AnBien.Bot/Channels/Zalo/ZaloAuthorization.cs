using System.Security.Cryptography;
using System.Text;
using AnBien.Bot.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// The one-time OA authorisation (OAuth v4 with PKCE, docs/protocols/zalo.md §3.3): a consent link with a fresh verifier
/// and state kept on the grant row, then the code Zalo returns is exchanged for the first token pair.
/// </summary>
public sealed class ZaloAuthorization(
    BotDbContextFactory databases,
    ZaloOAuthClient oauth,
    ZaloTokenStore tokens,
    IOptions<ZaloOptions> options,
    TimeProvider clock)
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(30);

    public async Task<Uri> StartAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.OaId is null) throw new InvalidOperationException("Zalo is not configured (Zalo:AppId, Zalo:OaId).");
        if (string.IsNullOrWhiteSpace(settings.RedirectUri)) throw new InvalidOperationException("Zalo:RedirectUri (the OA callback URL set in the app console) is required.");

        // 32 random bytes give exactly the 43-character verifier Zalo expects (docs/protocols/zalo.md §3.3).
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

        await using var db = databases.Create();
        var grant = await db.ZaloGrants.SingleOrDefaultAsync(g => g.OaId == settings.OaId, ct);
        if (grant is null)
        {
            grant = new ZaloGrant { OaId = settings.OaId };
            db.ZaloGrants.Add(grant);
        }

        grant.PendingState = state;
        grant.PendingVerifier = verifier;
        grant.PendingSince = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);

        var url = QueryHelpers.AddQueryString(new Uri(settings.OAuthBaseUrl, "v4/oa/permission").ToString(), new Dictionary<string, string?>
        {
            ["app_id"] = settings.AppId, ["redirect_uri"] = settings.RedirectUri, ["code_challenge"] = challenge, ["state"] = state,
        });
        return new Uri(url);
    }

    /// <param name="state">From the callback: must be the one issued. Null when an administrator pastes the code by hand.</param>
    public async Task CompleteAsync(string code, string? state, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) throw new ArgumentException("The authorisation code is empty.");
        await using var db = databases.Create();
        var grant = await db.ZaloGrants.AsNoTracking().SingleOrDefaultAsync(g => g.OaId == options.Value.OaId, ct);
        if (grant?.PendingVerifier is not { } verifier || grant.PendingSince + CodeLifetime < clock.GetUtcNow())
        {
            throw new ArgumentException("No authorisation in progress: get a new link with `zalo authorize-url`.");
        }

        if (state is not null && !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(state), Encoding.ASCII.GetBytes(grant.PendingState ?? "")))
        {
            throw new ArgumentException("The state does not match the authorisation in progress.");
        }

        var response = await oauth.ExchangeCodeAsync(code.Trim(), verifier, ct);
        if (!response.Succeeded) throw new InvalidOperationException($"Zalo refused the authorisation code: {response.Error}.");
        await tokens.StoreAuthorizedAsync(response, ct);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
