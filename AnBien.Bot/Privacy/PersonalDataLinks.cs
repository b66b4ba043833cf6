using System.Globalization;
using AnBien.Bot.Summaries;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Privacy;

/// <summary>The links "dữ liệu của tôi" gives a person: their export as JSON and as a workbook, valid for a short while.</summary>
public sealed class PersonalDataLinks(ISignedLinks links, IOptions<PrivacyOptions> options, IOptions<PublicAddressOptions> address)
{
    public const string Purpose = "personal-data-export";
    public const string Path = "/my-data/";

    public TimeSpan Lifetime => options.Value.ExportLinkLifetime;

    /// <summary>Links for the person; relative when Bot:PublicBaseUrl is not set (the web chat resolves them).</summary>
    public (Uri Json, Uri Workbook) Create(int staffId)
    {
        var token = links.Create(Purpose, staffId.ToString(CultureInfo.InvariantCulture), Lifetime);
        var relative = Path + token;
        var json = Absolute(relative + "?format=json");
        var workbook = Absolute(relative + "?format=xlsx");
        return (json, workbook);
    }

    /// <summary>The staff id a link was made for, or null when it is not genuine or has expired.</summary>
    public int? Read(string token) =>
        links.Read(Purpose, token) is { } subject && int.TryParse(subject, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    // "https://host/bot" and "https://host/bot/" both mean the folder, so the link keeps the "bot" part (as SummaryLinks).
    private Uri Absolute(string relative) =>
        address.Value.PublicBaseUrl is { } root
            ? new Uri(new Uri(root.AbsoluteUri.EndsWith('/') ? root.AbsoluteUri : root.AbsoluteUri + "/"), relative.TrimStart('/'))
            : new Uri(relative, UriKind.Relative);
}
