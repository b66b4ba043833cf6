namespace AnBien.Bot.Channels.Zalo;

/// <summary>The OAuth v4 token endpoint's answer: a token pair, or why Zalo refused (no secrets in <see cref="Error"/>).</summary>
public sealed record ZaloTokenResponse(string? AccessToken, string? RefreshToken, TimeSpan ExpiresIn, string? Error)
{
    public bool Succeeded => Error is null;

    public static ZaloTokenResponse Refused(string error) => new(null, null, TimeSpan.Zero, error);
}
