using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace AnBien.Bot.Privacy;

/// <summary>
/// Encrypts secrets kept in the database (the Zalo OA tokens, an authorisation's PKCE verifier) with ASP.NET Core Data
/// Protection. Stored values carry a prefix, so a value written before encryption existed is recognised as plaintext,
/// still read, and rewritten encrypted by its owner (<see cref="IsProtected"/>).
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider protection)
{
    public const string Prefix = "dp1:";

    private readonly IDataProtector _protector = protection.CreateProtector("AnBien.Bot.Secrets.v1");

    public static bool IsProtected(string? stored) => stored is null || stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string? Protect(string? secret) => secret is null ? null : Prefix + _protector.Protect(secret);

    /// <summary>The secret; a plaintext value from before encryption is returned as it is.</summary>
    /// <exception cref="CryptographicException">The key that encrypted it is gone (e.g. a lost keys folder).</exception>
    public string? Unprotect(string? stored) =>
        stored is null ? null
        : stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..])
        : stored;
}
