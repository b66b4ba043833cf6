using System.Globalization;
using AnBien.Bot.Privacy;
using AnBien.Bot.Summaries;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Announcements;

/// <summary>
/// The signed link to an announcement's delivery list as a workbook, made for one person: it opens from Teams, Zalo
/// or a browser without signing in, for as long as summary links last (Summaries:LinkLifetime). Also the link to an
/// announcement's picture, which anyone holding the message may open.
/// </summary>
public sealed class AnnouncementLinks(ISignedLinks links, IOptions<SummaryOptions> summaries, IOptions<AnnouncementOptions> announcements,
    IOptions<PublicAddressOptions> address)
{
    public const string Purpose = "announcement-deliveries";
    public const string Path = "announcements/xlsx/";
    public const string ImagePurpose = "announcement-image";
    public const string ImagePath = "announcements/image/";

    public TimeSpan Lifetime => summaries.Value.LinkLifetime;

    /// <summary>The link, or null when Bot:PublicBaseUrl is unset (a chat client could not open a relative address).</summary>
    public Uri? For(int viewerId, long announcementId, string language)
    {
        if (address.Value.PublicBaseUrl is null) return null;
        var subject = string.Join('|', viewerId.ToString(CultureInfo.InvariantCulture), announcementId.ToString(CultureInfo.InvariantCulture), language);
        return Under(Path + links.Create(Purpose, subject, Lifetime));
    }

    /// <summary>
    /// The public address of an announcement's picture given as a file, for Zalo, which fetches pictures by address;
    /// null when Bot:PublicBaseUrl is unset. It lasts <see cref="AnnouncementOptions.ImageLinkLifetime"/>, as the message
    /// stays in people's chat history.
    /// </summary>
    public Uri? ImageFor(long announcementId) => Under(ImagePath + links.Create(ImagePurpose, announcementId.ToString(CultureInfo.InvariantCulture), announcements.Value.ImageLinkLifetime));

    /// <summary>The announcement whose picture the token points to; null when forged or expired.</summary>
    public long? ReadImage(string token) =>
        long.TryParse(links.Read(ImagePurpose, token), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private Uri? Under(string relative)
    {
        if (address.Value.PublicBaseUrl is not { } root) return null;
        var folder = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        return new Uri(folder, relative);
    }

    /// <summary>Who the link was made for, which announcement and in which language; null when forged or expired.</summary>
    public (int ViewerId, long AnnouncementId, string Language)? Read(string token) =>
        links.Read(Purpose, token)?.Split('|') is [var viewer, var id, var language]
        && int.TryParse(viewer, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
        && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            ? (v, a, language)
            : null;
}
