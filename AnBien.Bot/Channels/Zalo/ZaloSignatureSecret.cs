namespace AnBien.Bot.Channels.Zalo;

/// <summary>The secret that ends the webhook mac (docs/protocols/zalo.md §1.3: sources disagree).</summary>
public enum ZaloSignatureSecret
{
    OaSecretKey,
    AppSecretKey,
}
