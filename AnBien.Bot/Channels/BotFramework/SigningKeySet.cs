using Microsoft.IdentityModel.Tokens;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// The keys an issuer signs with, and for Bot Connector keys the channels each key is endorsed for
/// (docs/protocols/botframework.md §2 check 8: every JWK carries <c>endorsements</c>).
/// </summary>
public sealed record SigningKeySet(IReadOnlyList<SecurityKey> Keys, IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements)
{
    public bool Contains(string keyId) => Keys.Any(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));

    public IReadOnlySet<string> EndorsementsOf(string? keyId) =>
        keyId is not null && Endorsements.TryGetValue(keyId, out var e) ? e : new HashSet<string>();
}
