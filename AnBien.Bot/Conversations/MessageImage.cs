namespace AnBien.Bot.Conversations;

/// <summary>
/// A picture that goes with a reply: a summary's chart, an announcement's picture. Teams shows it inside the Adaptive
/// Card, other Bot Framework clients get an image attachment, Zalo an image message from <see cref="Link"/> (Zalo fetches
/// images by address).
/// </summary>
/// <param name="Data">The image bytes, or null for a picture known only by its address.</param>
/// <param name="AltText">What the picture shows, for screen readers and clients that cannot show it.</param>
/// <param name="Link">A public address of the same picture, or null when there is none (Bot:PublicBaseUrl unset).</param>
public sealed record MessageImage(byte[]? Data, string AltText, Uri? Link)
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    /// <summary>The largest picture taken: Teams and Zalo both accept pictures up to 1 MB (docs/protocols/botframework.md §5, docs/protocols/zalo.md §2.2).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The bytes' media type: image/png or image/jpeg.</summary>
    public string ContentType { get; init; } = Png;

    /// <summary>The picture inline, for clients that take data URIs (Bot Framework attachments, Adaptive Card images).</summary>
    public string? DataUri => Data is null ? null : "data:" + ContentType + ";base64," + Convert.ToBase64String(Data);

    /// <summary>
    /// What a card or an attachment points to: the bytes inline when there are bytes (Teams does not count base64 images
    /// against its message size limit), otherwise the address.
    /// </summary>
    public string? Source => DataUri ?? Link?.AbsoluteUri;

    /// <summary>A picture known by its address only (an announcement's picture given as a link).</summary>
    public static MessageImage At(Uri link, string altText) => new(null, altText, link)
    {
        ContentType = link.AbsolutePath.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)
                      || link.AbsolutePath.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) ? Jpeg : Png,
    };
}
