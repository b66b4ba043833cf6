namespace AnBien.Bot.Channels.Zalo;

/// <summary>The outcome of one OA API call after token refresh and back-off, with Zalo's error code (0 on success).</summary>
public sealed record ZaloSendResult(DeliveryStatus Status, int Error, string? Detail, string? MessageId = null, string? AttachmentId = null)
{
    /// <summary>Worth trying again later (rate limit or server trouble outlasted the back-off), as opposed to a refusal.</summary>
    public bool Retryable { get; init; }
}
