namespace AnBien.Bot.Directory;

/// <summary>
/// A wrong activation code, kept for the lockout window. Counted per chat account across all its conversations and
/// per client address, so opening a new conversation or switching accounts does not reset the count.
/// </summary>
public sealed class LinkFailure
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChannelUserId { get; set; }

    /// <summary>The client's network address where the channel knows it (web chat, Direct Line); null elsewhere.</summary>
    public string? ClientAddress { get; set; }
    public DateTimeOffset FailedAt { get; set; }
}
