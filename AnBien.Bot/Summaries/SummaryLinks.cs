using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Summaries;

/// <summary>
/// Short-lived signed links to a workbook or chart, which open from Teams, Zalo or a browser without signing in: the
/// token names the request and the person it was made for, with an expiry, under an HMAC-SHA256 signature.
/// </summary>
public sealed partial class SummaryLinks
{
    public const string WorkbookKind = "xlsx", ChartKind = "png";

    private readonly byte[] _key;
    private readonly SummaryOptions _options;
    private readonly Uri? _base;
    private readonly TimeProvider _clock;

    public SummaryLinks(IOptions<SummaryOptions> options, IOptions<PublicAddressOptions> address, TimeProvider clock, ILogger<SummaryLinks> logger)
    {
        _options = options.Value;
        // "https://host/bot" and "https://host/bot/" both mean the folder, so relative links keep the "bot" part.
        _base = address.Value.PublicBaseUrl is { } url && !url.AbsoluteUri.EndsWith('/') ? new Uri(url.AbsoluteUri + "/") : address.Value.PublicBaseUrl;
        _clock = clock;
        _key = string.IsNullOrWhiteSpace(_options.LinkSigningKey) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(_options.LinkSigningKey);
        IsKeyConfigured = !string.IsNullOrWhiteSpace(_options.LinkSigningKey);
        if (_base is not null && !IsKeyConfigured) LogRandomKey(logger);
    }

    public bool IsKeyConfigured { get; }

    public TimeSpan Lifetime => _options.LinkLifetime;

    /// <summary>The link, or null when Bot:PublicBaseUrl is unset.</summary>
    public Uri? For(string kind, int viewerId, SummaryRequest request, string language)
    {
        if (_base is null) return null;
        var expires = _clock.GetUtcNow().Add(_options.LinkLifetime).ToUnixTimeSeconds();
        var payload = string.Join('|', "1", kind, viewerId.ToString(CultureInfo.InvariantCulture), request.UnitCode,
            request.WithSubunits ? "1" : "0", request.Period.Label, language, expires.ToString(CultureInfo.InvariantCulture));
        var bytes = Encoding.UTF8.GetBytes(payload);
        var token = WebEncoders.Base64UrlEncode(bytes) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, bytes));
        return new Uri(_base, $"summaries/{kind}/{token}");
    }

    /// <summary>What a token grants, or null when it is malformed, tampered with, expired or of another kind.</summary>
    public SignedSummaryLink? Read(string kind, string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return null;
        byte[] bytes, signature;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token[..dot]);
            signature = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, bytes), signature)) return null;
        var parts = Encoding.UTF8.GetString(bytes).Split('|');
        if (parts is not ["1", var k, var viewer, var unit, var sub, var period, var language, var expires] || k != kind) return null;
        if (long.Parse(expires, CultureInfo.InvariantCulture) <= _clock.GetUtcNow().ToUnixTimeSeconds()) return null;
        return new SignedSummaryLink(int.Parse(viewer, CultureInfo.InvariantCulture), new SummaryRequest(unit, sub == "1", SummaryPeriod.Parse(period)), language);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Summaries:LinkSigningKey is not set: workbook and chart links are signed with a key of this process only (they stop working on restart and on other instances)")]
    private static partial void LogRandomKey(ILogger logger);
}
