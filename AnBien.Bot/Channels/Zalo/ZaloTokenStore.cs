using System.Diagnostics;
using AnBien.Bot.Hosting;
using AnBien.Bot.Privacy;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Hands out the OA access token and refreshes it before it expires. Refresh tokens are single use
/// (docs/protocols/zalo.md §3.1), so a refresh is done by one instance at a time: it must win a lease on the grant row
/// (an atomic conditional update, valid across instances, held longer than the HTTP timeout, §3.4), and the new pair
/// is written, with the lease released, before the new token is used. A refused refresh marks the grant lost and
/// raises the alarm; nothing retries it until an administrator authorises again. Tokens are stored encrypted
/// (<see cref="SecretProtector"/>); a plaintext pair left by an older version is encrypted the first time it is read.
/// </summary>
public sealed partial class ZaloTokenStore(
    BotDbContextFactory databases,
    ZaloOAuthClient oauth,
    ZaloGrantAlarm alarm,
    SecretProtector secrets,
    IOptions<ZaloOptions> options,
    TimeProvider clock,
    OperationsMetrics metrics,
    ILogger<ZaloTokenStore> logger)
{
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(100);
    private readonly string _owner = Guid.NewGuid().ToString("N");

    private string OaId => options.Value.OaId ?? throw new ZaloNotAuthorizedException("Zalo:OaId is not configured.");

    public async Task<string> GetAccessTokenAsync(CancellationToken ct)
    {
        var grant = await LoadAsync(ct);
        var token = Usable(grant);
        if (grant!.AccessTokenExpiresAt - options.Value.RefreshBeforeExpiry > clock.GetUtcNow()) return token;
        return await RefreshAsync(token, ct);
    }

    /// <summary>Refreshes unless another caller already replaced <paramref name="staleAccessToken"/>; returns the current token.</summary>
    public async Task<string> RefreshAsync(string? staleAccessToken, CancellationToken ct)
    {
        // Waiting for another holder is bounded by its lease plus a margin (real time: a hung holder must not block us forever).
        var patience = Stopwatch.StartNew();
        while (true)
        {
            var grant = await LoadAsync(ct);
            var current = Usable(grant);
            if (current != staleAccessToken) return current;

            var now = clock.GetUtcNow();
            if (await TryLeaseAsync(now, ct))
            {
                return await RefreshUnderLeaseAsync(staleAccessToken, ct);
            }

            if (patience.Elapsed > options.Value.RefreshLease + TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("Another instance holds the Zalo refresh lease for too long.");
            }

            await Task.Delay(WaitStep, ct);
        }
    }

    /// <summary>Refreshes when the access token is due (the background job calls this, so idle periods do not let the grant lapse).</summary>
    public async Task RefreshIfDueAsync(CancellationToken ct)
    {
        var grant = await LoadAsync(ct);
        if (grant?.AccessToken is null || grant.RefreshToken is null || grant.LostAt is not null) return;
        if (grant.AccessTokenExpiresAt - options.Value.RefreshBeforeExpiry > clock.GetUtcNow()) return;
        await RefreshAsync(grant.AccessToken, ct);
    }

    /// <summary>Stores a pair obtained from an authorisation code (and forgets any earlier loss).</summary>
    public async Task StoreAuthorizedAsync(ZaloTokenResponse tokens, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        var grant = await db.ZaloGrants.SingleOrDefaultAsync(g => g.OaId == OaId, ct);
        if (grant is null)
        {
            grant = new ZaloGrant { OaId = OaId };
            db.ZaloGrants.Add(grant);
        }

        grant.AccessToken = secrets.Protect(tokens.AccessToken);
        grant.RefreshToken = secrets.Protect(tokens.RefreshToken);
        grant.AccessTokenExpiresAt = now + tokens.ExpiresIn;
        grant.UpdatedAt = now;
        grant.LostAt = null;
        grant.LostReason = null;
        grant.PendingState = null;
        grant.PendingVerifier = null;
        grant.PendingSince = null;
        await db.SaveChangesAsync(ct);
        LogAuthorized(logger, OaId);
    }

    private async Task<string> RefreshUnderLeaseAsync(string? staleAccessToken, CancellationToken ct)
    {
        var released = false;
        try
        {
            var grant = await LoadAsync(ct);
            var current = Usable(grant);
            if (current != staleAccessToken || grant!.RefreshToken is not { } refreshToken) return current;

            var response = await oauth.RefreshAsync(refreshToken, ct);
            metrics.TokenRefreshed(ZaloEventHandler.Channel, response.Succeeded);
            var now = clock.GetUtcNow();
            await using var db = databases.Create();
            if (!response.Succeeded)
            {
                await db.ZaloGrants.Where(g => g.OaId == OaId).ExecuteUpdateAsync(s => s
                    .SetProperty(g => g.LostAt, now)
                    .SetProperty(g => g.LostReason, response.Error)
                    .SetProperty(g => g.LeaseOwner, (string?)null)
                    .SetProperty(g => g.LeaseUntil, (DateTimeOffset?)null), ct);
                released = true;
                await alarm.RaiseAsync(response.Error!, ct);
                throw new ZaloNotAuthorizedException($"Zalo refused the refresh token ({response.Error}); an administrator must authorise the OA again.");
            }

            // Written before anyone uses it: the old refresh token is already spent.
            var storedAccess = secrets.Protect(response.AccessToken);
            var storedRefresh = secrets.Protect(response.RefreshToken);
            await db.ZaloGrants.Where(g => g.OaId == OaId).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.AccessToken, storedAccess)
                .SetProperty(g => g.RefreshToken, storedRefresh)
                .SetProperty(g => g.AccessTokenExpiresAt, now + response.ExpiresIn)
                .SetProperty(g => g.UpdatedAt, now)
                .SetProperty(g => g.LeaseOwner, (string?)null)
                .SetProperty(g => g.LeaseUntil, (DateTimeOffset?)null), ct);
            released = true;
            LogRefreshed(logger, OaId);
            return response.AccessToken!;
        }
        finally
        {
            if (!released) await ReleaseAsync();
        }
    }

    private async Task<bool> TryLeaseAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = databases.Create();
        var until = now + options.Value.RefreshLease;
        var owner = _owner;
        return await db.ZaloGrants
            .Where(g => g.OaId == OaId && (g.LeaseUntil == null || g.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.LeaseOwner, owner).SetProperty(g => g.LeaseUntil, until), ct) == 1;
    }

    private async Task ReleaseAsync()
    {
        // Not the caller's token: a cancelled request must still give the lease back.
        await using var db = databases.Create();
        var owner = _owner;
        await db.ZaloGrants.Where(g => g.OaId == OaId && g.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(g => g.LeaseOwner, (string?)null)
            .SetProperty(g => g.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    /// <summary>The grant with its tokens decrypted (a detached copy: never saved as it is).</summary>
    private async Task<ZaloGrant?> LoadAsync(CancellationToken ct)
    {
        await using var db = databases.Create();
        var grant = await db.ZaloGrants.AsNoTracking().SingleOrDefaultAsync(g => g.OaId == OaId, ct);
        if (grant is null) return null;
        if (!SecretProtector.IsProtected(grant.AccessToken) || !SecretProtector.IsProtected(grant.RefreshToken))
        {
            await EncryptPlaintextAsync(db, grant, ct);
        }

        grant.AccessToken = secrets.Unprotect(grant.AccessToken);
        grant.RefreshToken = secrets.Unprotect(grant.RefreshToken);
        return grant;
    }

    /// <summary>
    /// Rewrites a plaintext pair encrypted, only if it is still the pair just read: a refresh on another instance may
    /// have replaced it meanwhile, and its new pair must win.
    /// </summary>
    private async Task EncryptPlaintextAsync(BotDbContext db, ZaloGrant grant, CancellationToken ct)
    {
        var (access, refresh) = (grant.AccessToken, grant.RefreshToken);
        var storedAccess = SecretProtector.IsProtected(access) ? access : secrets.Protect(access);
        var storedRefresh = SecretProtector.IsProtected(refresh) ? refresh : secrets.Protect(refresh);
        var updated = await db.ZaloGrants.Where(g => g.OaId == grant.OaId && g.AccessToken == access && g.RefreshToken == refresh)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.AccessToken, storedAccess).SetProperty(g => g.RefreshToken, storedRefresh), ct);
        if (updated == 1) LogEncrypted(logger, grant.OaId);
    }

    private static string Usable(ZaloGrant? grant)
    {
        if (grant?.AccessToken is not { Length: > 0 } token) throw new ZaloNotAuthorizedException("The Zalo OA has not been authorised yet (run `zalo authorize-url`).");
        if (grant.LostAt is not null) throw new ZaloNotAuthorizedException("The Zalo OA grant was lost; an administrator must authorise the OA again.");
        return token;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo access token of OA {OaId} refreshed")]
    private static partial void LogRefreshed(ILogger logger, string oaId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo tokens of OA {OaId} were stored in plaintext; now encrypted")]
    private static partial void LogEncrypted(ILogger logger, string oaId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo OA {OaId} authorised; tokens stored")]
    private static partial void LogAuthorized(ILogger logger, string oaId);
}
