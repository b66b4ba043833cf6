using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// Signing keys from one OpenID metadata document, kept for <c>lifetime</c> (the documentation asks for a refresh at
/// least every 24 h, docs/protocols/botframework.md §2) and fetched again early when a token names a key id we do not know
/// (key rollover), at most once per <see cref="MinForcedRefresh"/> so forged key ids cannot make us hammer the issuer.
/// </summary>
public sealed class SigningKeySource(string metadataUrl, HttpClient http, TimeProvider clock, TimeSpan lifetime)
{
    public static readonly TimeSpan MinForcedRefresh = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SigningKeySet? _current;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset _lastForced = DateTimeOffset.MinValue;

    /// <summary>The current keys; refreshed first when they are old, or when <paramref name="keyId"/> is unknown.</summary>
    public async Task<SigningKeySet> GetAsync(string? keyId, CancellationToken ct)
    {
        if (_current is { } fresh && !IsStale(clock.GetUtcNow()) && (keyId is null || fresh.Contains(keyId))) return fresh;
        await _gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var unknownKey = keyId is not null && _current is { } known && !known.Contains(keyId);
            var forced = unknownKey && now - _lastForced >= MinForcedRefresh;
            if (_current is null || IsStale(now) || forced)
            {
                if (forced) _lastForced = now;
                try
                {
                    _current = await FetchAsync(ct);
                    _fetchedAt = now;
                }
                catch (Exception ex) when (_current is not null && ex is HttpRequestException or JsonException or ArgumentException)
                {
                    // Keep serving the keys we have: an issuer outage must not lock every user out. Retried on the next call.
                }
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsStale(DateTimeOffset now) => now - _fetchedAt >= lifetime;

    private async Task<SigningKeySet> FetchAsync(CancellationToken ct)
    {
        var metadata = OpenIdConnectConfiguration.Create(await http.GetStringAsync(metadataUrl, ct));
        if (string.IsNullOrWhiteSpace(metadata.JwksUri)) throw new ArgumentException($"OpenID metadata at {metadataUrl} has no jwks_uri.");
        var json = await http.GetStringAsync(metadata.JwksUri, ct);
        var keys = new JsonWebKeySet(json) { SkipUnresolvedJsonWebKeys = true }.GetSigningKeys();

        // JsonWebKeySet drops members it does not model; the Connector's "endorsements" are read from the raw document.
        var endorsements = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.TryGetProperty("keys", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var key in list.EnumerateArray())
            {
                if (!key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String) continue;
                var channels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (key.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array)
                {
                    foreach (var channel in e.EnumerateArray())
                    {
                        if (channel.ValueKind == JsonValueKind.String) channels.Add(channel.GetString()!);
                    }
                }

                endorsements[kid.GetString()!] = channels;
            }
        }

        return new SigningKeySet(keys.ToList(), endorsements);
    }
}
