using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace AnBien.Bot.Privacy;

/// <summary>
/// Signed links on ASP.NET Core Data Protection: the token is encrypted and authenticated with the keys every instance
/// shares and carries its own expiry, so any instance can check a link another one issued. The expiry is checked
/// against the injected clock (the time-limited protector would read the system clock).
/// </summary>
public sealed class DataProtectionSignedLinks(IDataProtectionProvider protection, TimeProvider clock) : ISignedLinks
{
    private const string Root = "AnBien.Bot.SignedLinks";

    public string Create(string purpose, string subject, TimeSpan lifetime)
    {
        var expires = (clock.GetUtcNow() + lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return protection.CreateProtector(Root, purpose).Protect($"{expires}|{subject}");
    }

    public string? Read(string purpose, string token)
    {
        string payload;
        try
        {
            payload = protection.CreateProtector(Root, purpose).Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var bar = payload.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0 || !long.TryParse(payload.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return null;
        return DateTimeOffset.FromUnixTimeSeconds(expires) > clock.GetUtcNow() ? payload[(bar + 1)..] : null;
    }
}
