namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// "Zalo:Zns": the organisation's approved notification template, sent by phone number to people the OA may no longer
/// message (outside the 7-day interaction window; docs/protocols/zalo.md §2.4, §2.5). Off while <see cref="TemplateId"/>
/// is unset: those people are then recorded as not reachable, with the reason.
/// </summary>
public sealed class ZaloZnsOptions
{
    /// <summary>The approved template's id (Zalo approves templates in about two working days).</summary>
    public string? TemplateId { get; set; }

    /// <summary>The phone-number channel, "POST {BaseUrl}message/template" (docs/protocols/zalo.md §2.5, CONFIRMED).</summary>
    public Uri BaseUrl { get; set; } = new("https://business.openapi.zalo.me/");

    /// <summary>
    /// The template parameter that carries the message text, when the template has one; unset sends no parameters (a
    /// fixed "you have a new announcement, open the OA" template). Parameter names and lengths are the template's own:
    /// UNCONFIRMED until checked with GET template/info/v2 (docs/protocols/zalo.md §2.5).
    /// </summary>
    public string? TextParameter { get; set; }

    /// <summary>Longest text put in <see cref="TextParameter"/>. UNCONFIRMED: the limit is set per template parameter.</summary>
    public int MaxTextLength { get; set; } = 400;

    /// <summary>"development" delivers only to the app's and OA's administrators (for trying a template); unset in production.</summary>
    public string? Mode { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(TemplateId);
}
