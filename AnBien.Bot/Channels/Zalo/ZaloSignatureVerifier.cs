using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Checks X-ZEvent-Signature: "mac=" + lowercase hex SHA-256 (plain hash, not HMAC) of id + raw body + the body's
/// "timestamp" + secret (docs/protocols/zalo.md §1.3; Chatwoot zalo_events_job.rb). The body is hashed byte for byte as
/// received, never re-serialised, and the comparison is constant-time.
/// </summary>
public sealed partial class ZaloSignatureVerifier(IOptions<ZaloOptions> options, ILogger<ZaloSignatureVerifier> logger)
{
    private const string Prefix = "mac=";

    public bool IsValid(ReadOnlySpan<byte> rawBody, string? header, string? timestamp)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(header) || timestamp is null || settings.SignatureSecretValue is not { Length: > 0 } secret) return false;
        var id = settings.SignatureIdTerm == ZaloSignatureIdTerm.OaId ? settings.OaId : settings.AppId;
        if (Matches(header, Mac(id, rawBody, timestamp, secret))) return true;

        if (settings.DiagnoseSignatureMismatch) Diagnose(settings, rawBody, header, timestamp);
        return false;
    }

    public static string Mac(string? id, ReadOnlySpan<byte> rawBody, string timestamp, string secret)
    {
        var head = Encoding.UTF8.GetBytes(id ?? "");
        var tail = Encoding.UTF8.GetBytes(timestamp + secret);
        var all = new byte[head.Length + rawBody.Length + tail.Length];
        head.CopyTo(all, 0);
        rawBody.CopyTo(all.AsSpan(head.Length));
        tail.CopyTo(all, head.Length + rawBody.Length);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(all));
    }

    private static bool Matches(string header, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(header.Trim()), Encoding.ASCII.GetBytes(expected));

    private void Diagnose(ZaloOptions settings, ReadOnlySpan<byte> rawBody, string header, string timestamp)
    {
        foreach (var idTerm in Enum.GetValues<ZaloSignatureIdTerm>())
        {
            foreach (var secretKind in Enum.GetValues<ZaloSignatureSecret>())
            {
                var id = idTerm == ZaloSignatureIdTerm.OaId ? settings.OaId : settings.AppId;
                var secret = secretKind == ZaloSignatureSecret.AppSecretKey ? settings.AppSecretKey : settings.OaSecretKey;
                if (string.IsNullOrEmpty(secret)) continue;
                if (Matches(header, Mac(id, rawBody, timestamp, secret)))
                {
                    LogOtherCombination(logger, idTerm, secretKind);
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo webhook signature matches Zalo:SignatureIdTerm={IdTerm} with Zalo:SignatureSecret={Secret}, not the configured pair; set those to accept such events")]
    private static partial void LogOtherCombination(ILogger logger, ZaloSignatureIdTerm idTerm, ZaloSignatureSecret secret);
}
