using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Channels.WebChat;

public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>
    /// The key that signs Direct Line tokens (at least 32 characters; from the environment or user secrets, never
    /// committed). Required in production; a development or demo run without one signs with a random per-process key.
    /// Every instance behind a load balancer needs the same value.
    /// </summary>
    public string? TokenSecret { get; set; }

    /// <summary>How long a conversation token lives; Direct Line's own tokens last 30 minutes (docs/protocols/botframework.md §8).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a browser keeps its web chat identity (and so its link to a staff record) without coming back.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "400.00:00:00")]
    public TimeSpan BrowserKeyLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Origins of other pages allowed to call the Direct Line API (an intranet page embedding Web Chat). Empty: same origin only.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Direct Line tokens and conversations one client address may start per minute.</summary>
    [Range(1, 10_000)]
    public int StartsPerMinute { get; set; } = 30;

    /// <summary>
    /// Sessions of the bot's own chat page one client address may open per minute: a bucket of its own, so that other
    /// Direct Line clients spending theirs never lock the page out.
    /// </summary>
    [Range(1, 10_000)]
    public int SessionsPerMinute { get; set; } = 30;

    /// <summary>Token refreshes one client address may make per minute (a client refreshes about every 15 minutes).</summary>
    [Range(1, 10_000)]
    public int RefreshesPerMinute { get; set; } = 30;

    /// <summary>Open WebSocket streams one conversation may have on one instance.</summary>
    [Range(1, 100)]
    public int MaxStreamsPerConversation { get; set; } = 4;

    [Range(1_024, 1_048_576)]
    public int MaxActivityBytes { get; set; } = 32 * 1024;
}
