namespace AnBien.Bot.Conversations;

/// <summary>
/// A picture that goes with a reply (the summary's chart). Teams shows it inside the Adaptive Card, other Bot Framework
/// clients get an image/png attachment, Zalo an image message from <see cref="Link"/> (Zalo fetches images by address).
/// </summary>
/// <param name="Png">The PNG bytes.</param>
/// <param name="AltText">What the picture shows, for screen readers and clients that cannot show it.</param>
/// <param name="Link">A public address of the same picture, or null when Bot:PublicBaseUrl is unset.</param>
public sealed record MessageImage(byte[] Png, string AltText, Uri? Link)
{
    public const string ContentType = "image/png";

    /// <summary>The picture inline, for clients that take data URIs (Bot Framework attachments, Adaptive Card images).</summary>
    public string DataUri => "data:" + ContentType + ";base64," + Convert.ToBase64String(Png);
}
