using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// The Zalo Official Account channel, bound from the "Zalo" section. The channel is on when <see cref="AppId"/> is set.
/// Secrets (<see cref="AppSecretKey"/>, <see cref="OaSecretKey"/>) come from the environment (Zalo__AppSecretKey,
/// Zalo__OaSecretKey) or user secrets, never from a committed file. Everything docs/protocols/zalo.md marks UNCONFIRMED
/// is a setting here rather than a guess in code.
/// </summary>
public sealed class ZaloOptions
{
    public const string Section = "Zalo";

    public string? AppId { get; set; }
    public string? OaId { get; set; }

    /// <summary>The app's "Secret Key": the secret_key header of the OAuth v4 token endpoint (docs/protocols/zalo.md §3.2).</summary>
    public string? AppSecretKey { get; set; }

    /// <summary>The OA's "OA Secret Key", which hainh.me and Chatwoot use for the webhook mac (docs/protocols/zalo.md §1.3).</summary>
    public string? OaSecretKey { get; set; }

    /// <summary>Which secret ends the webhook mac. UNCONFIRMED (docs/protocols/zalo.md §1.3, §7.1): OA secret by default.</summary>
    public ZaloSignatureSecret SignatureSecret { get; set; } = ZaloSignatureSecret.OaSecretKey;

    /// <summary>Which id starts the webhook mac. UNCONFIRMED (docs/protocols/zalo.md §1.3): app id by default.</summary>
    public ZaloSignatureIdTerm SignatureIdTerm { get; set; } = ZaloSignatureIdTerm.AppId;

    /// <summary>
    /// On a signature mismatch, log which other (id × secret) combination would have matched (never the digests or
    /// secrets), so the first real traffic tells the administrator what to pin (docs/protocols/zalo.md §1.3 recommendation).
    /// </summary>
    public bool DiagnoseSignatureMismatch { get; set; } = true;

    public Uri OpenApiBaseUrl { get; set; } = new("https://openapi.zalo.me/");

    /// <summary>The notification template for people outside the interaction window ("Zalo:Zns").</summary>
    public ZaloZnsOptions Zns { get; set; } = new();
    public Uri OAuthBaseUrl { get; set; } = new("https://oauth.zaloapp.com/");

    /// <summary>The OA callback URL registered in the app console; Zalo redirects the admin there with ?code=…&amp;state=….</summary>
    public string? RedirectUri { get; set; }

    /// <summary>Customer-service text limit: 2,000 characters (docs/protocols/zalo.md §2.1, official).</summary>
    [Range(100, 10_000)]
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>Buttons per message. Only production code shows 5 (docs/protocols/zalo.md §2.3, LIKELY).</summary>
    [Range(0, 10)]
    public int MaxButtons { get; set; } = 5;

    /// <summary>Button title length. UNCONFIRMED (docs/protocols/zalo.md §2.3: 20 in ChatbotX's schema, 35 on transaction templates).</summary>
    [Range(5, 100)]
    public int MaxButtonTitleLength { get; set; } = 35;

    /// <summary>Replies are free within 48 h of the user's last interaction (docs/protocols/zalo.md §2.4, official).</summary>
    public TimeSpan FreeWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>No customer-service message at all after 7 days without interaction: error -230 (docs/protocols/zalo.md §2.4).</summary>
    public TimeSpan InteractionWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Whether proactive messages may go out between the free window and the interaction window (charged).</summary>
    public bool SendInPaidWindow { get; set; } = true;

    /// <summary>Access tokens live 25 h; refresh when less than this is left (about 20 h in, docs/protocols/zalo.md §3.4).</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromHours(5);

    /// <summary>How long one instance holds the refresh lease: longer than the HTTP timeout (docs/protocols/zalo.md §3.4, ChatbotX PR #1019).</summary>
    public TimeSpan RefreshLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the background job checks whether the access token is due for a refresh.</summary>
    public TimeSpan TokenCheckInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Offer unlinked users to share their phone (request_user_info template) as a hint for linking.</summary>
    public bool RequestPhoneForLinking { get; set; } = true;

    /// <summary>Title of the request_user_info card (e.g. the organisation's name).</summary>
    public string RequestInfoTitle { get; set; } = "Trợ lý Văn hóa công sở";

    /// <summary>Image of the request_user_info card; whether Zalo requires one is UNCONFIRMED (docs/protocols/zalo.md §4).</summary>
    public string? RequestInfoImageUrl { get; set; }

    /// <summary>Process the webhook inbox in this instance (off only in tests and maintenance).</summary>
    public bool ProcessInbox { get; set; } = true;

    public TimeSpan InboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an instance owns a claimed event; after that another instance may take it over.</summary>
    public TimeSpan InboxLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First retry delay of a failed event; doubles per attempt up to an hour.</summary>
    public TimeSpan InboxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long handled events stay in the inbox (redeliveries within it are recognised); at least a day.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Webhook events older than this (by their own timestamp) are refused, so a captured event cannot be replayed once
    /// the inbox has forgotten it. Longer than Zalo's longest redelivery, which keeps the original timestamp (retries run
    /// for up to 12 hours); within it, a replay is caught by the inbox's de-duplication, so it must not exceed InboxRetention.
    /// </summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromHours(48);

    [Range(1, 50)]
    public int InboxMaxAttempts { get; set; } = 10;

    /// <summary>Attempts per API call on rate limits (-32, HTTP 429) and server errors.</summary>
    [Range(1, 10)]
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>First back-off delay of an API call; doubles per attempt.</summary>
    public TimeSpan SendRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1024, 1024 * 1024)]
    public int MaxWebhookBytes { get; set; } = 64 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(AppId);

    public string? SignatureSecretValue => SignatureSecret == ZaloSignatureSecret.AppSecretKey ? AppSecretKey : OaSecretKey;

    /// <summary>Why the settings cannot work, or null.</summary>
    public string? Problem()
    {
        if (!Enabled) return null;
        if (InboxRetention < TimeSpan.FromDays(1)) return "Zalo:InboxRetention must be at least a day (Zalo redelivers for up to 12 hours).";
        if (MaxEventAge <= TimeSpan.FromDays(1) || MaxEventAge > InboxRetention)
        {
            return "Zalo:MaxEventAge must be longer than a day (Zalo redelivers with the original timestamp) and no longer than Zalo:InboxRetention.";
        }

        if (string.IsNullOrWhiteSpace(OaId)) return "Zalo:OaId is required when Zalo:AppId is set.";
        if (string.IsNullOrWhiteSpace(AppSecretKey)) return "Zalo:AppSecretKey is required when Zalo:AppId is set (set it in the environment as Zalo__AppSecretKey).";
        if (string.IsNullOrWhiteSpace(SignatureSecretValue)) return $"Zalo:{SignatureSecret} is required to verify webhook signatures (set it in the environment as Zalo__{SignatureSecret}).";
        return null;
    }
}
