namespace AnBien.Bot.Summaries;

/// <summary>Bot:PublicBaseUrl, the address users reach the service at (e.g. https://vanhoa.example.gov.vn/), used to build links.</summary>
public sealed class PublicAddressOptions
{
    public const string Section = "Bot";

    /// <summary>Unset: replies carry no links (a chat client could not open a loopback address anyway).</summary>
    public Uri? PublicBaseUrl { get; set; }

    public bool IsValid => PublicBaseUrl is null || (PublicBaseUrl.IsAbsoluteUri && PublicBaseUrl.Scheme is "https" or "http");
}
