using System.Globalization;
using AnBien.Bot.Privacy;
using AnBien.Bot.Summaries;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Announcements;

/// <summary>
/// The signed link to an announcement's delivery list as a workbook, made for one person: it opens from Teams, Zalo
/// or a browser without signing in, for as long as summary links last (Summaries:LinkLifetime).
/// </summary>
public sealed class AnnouncementLinks(ISignedLinks links, IOptions<SummaryOptions> summaries, IOptions<PublicAddressOptions> address)
{
    public const string Purpose = "announcement-deliveries";
    public const string Path = "announcements/xlsx/";

    public TimeSpan Lifetime => summaries.Value.LinkLifetime;

    /// <summary>The link, or null when Bot:PublicBaseUrl is unset (a chat client could not open a relative address).</summary>
    public Uri? For(int viewerId, long announcementId, string language)
    {
        if (address.Value.PublicBaseUrl is not { } root) return null;
        var subject = string.Join('|', viewerId.ToString(CultureInfo.InvariantCulture), announcementId.ToString(CultureInfo.InvariantCulture), language);
        var folder = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        return new Uri(folder, Path + links.Create(Purpose, subject, Lifetime));
    }

    /// <summary>Who the link was made for, which announcement and in which language; null when forged or expired.</summary>
    public (int ViewerId, long AnnouncementId, string Language)? Read(string token) =>
        links.Read(Purpose, token)?.Split('|') is [var viewer, var id, var language]
        && int.TryParse(viewer, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
        && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            ? (v, a, language)
            : null;
}
