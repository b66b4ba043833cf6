namespace AnBien.Bot.Channels;

/// <summary>The outcome of one proactive send; <see cref="Detail"/> is an operator-readable reason without personal data.</summary>
public sealed record DeliveryResult(string Channel, DeliveryStatus Status, string? Detail = null, string? MessageId = null)
{
    /// <summary>For a failure: whether trying again later may succeed (an outage, a rate limit) or never will (a refused message).</summary>
    public bool Retryable { get; init; } = true;

    /// <summary>For a failure: how long the channel asked the bot to wait (Retry-After), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static DeliveryResult Sent(string channel, string? messageId = null) => new(channel, DeliveryStatus.Sent, null, messageId);

    public static DeliveryResult NotReachable(string channel, string reason) => new(channel, DeliveryStatus.NotReachable, reason);

    public static DeliveryResult Failed(string channel, string reason) => new(channel, DeliveryStatus.Failed, reason);
}
