namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// One activity of a web chat conversation as clients receive it. <see cref="Sequence"/> is the Direct Line watermark,
/// so a reload or a dropped connection replays exactly what the client has not seen yet.
/// </summary>
public sealed class WebChatActivity
{
    public required string ConversationId { get; set; }
    public long Sequence { get; set; }

    /// <summary>The client's own id for a message it sent (channelData.clientActivityID), so a resent POST is stored once.</summary>
    public string? ClientActivityId { get; set; }

    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
