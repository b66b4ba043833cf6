using System.ComponentModel.DataAnnotations;

namespace AnBien.Bot.Conversations.Outbox;

/// <summary>How messages leave: how long a chat request waits for its replies, how each attempt is bounded and retried.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// How long an inbound request waits for its replies' first delivery before it answers 200 anyway; the delivery goes
    /// on in the background. Ordinary replies are sent well within it, a hanging channel never holds the request longer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:00:30")]
    public TimeSpan ReplyWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>One delivery attempt, the channel client's own quick retries included, is cut off after this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How long a claimed message belongs to one instance; longer than an attempt, so no two ever send it at once.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a message keeps being retried before it is recorded as failed (a redelivery of its activity revives it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Budget { get; set; } = TimeSpan.FromHours(6);

    /// <summary>First wait after a failed attempt; later ones double, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a worker looks for due messages that no request is sending (retries, other instances' leftovers).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Threads delivered in parallel by one instance's worker.</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 4;

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 64;

    /// <summary>Sent, failed and unreachable rows are kept this long for operators and delivery reports, then deleted.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "400.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Off for a process that must not send (e.g. an administrator's command); its rows wait for the service.</summary>
    public bool Deliver { get; set; } = true;

    public string? Problem() => Lease <= AttemptTimeout ? "Outbox:Lease must be longer than Outbox:AttemptTimeout" : null;
}
