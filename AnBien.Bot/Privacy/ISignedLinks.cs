namespace AnBien.Bot.Privacy;

/// <summary>
/// Short-lived tokens that can be put in a URL and prove, when they come back, what they were issued for. A seam, so a
/// shared implementation can replace <see cref="DataProtectionSignedLinks"/> without touching its callers.
/// </summary>
public interface ISignedLinks
{
    /// <summary>A URL-safe token carrying <paramref name="subject"/> for <paramref name="purpose"/> until <paramref name="lifetime"/> has passed.</summary>
    string Create(string purpose, string subject, TimeSpan lifetime);

    /// <summary>The subject, or null when the token is forged, for another purpose or expired.</summary>
    string? Read(string purpose, string token);
}
