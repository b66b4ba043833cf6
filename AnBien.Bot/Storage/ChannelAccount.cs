namespace AnBien.Bot.Storage;

/// <summary>A chat identity (Teams user, Zalo user, web chat user) linked to one staff record.</summary>
public sealed class ChannelAccount
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChannelUserId { get; set; }
    public int StaffId { get; set; }
    public Staff? Staff { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    public required string LinkedBy { get; set; }

    /// <summary>Channel-specific JSON needed to message the person proactively (e.g. a Bot Framework conversation reference).</summary>
    public string? ConversationReference { get; set; }
    public DateTimeOffset? LastInteractionAt { get; set; }

    /// <summary>Set when the channel told us the person can no longer be reached there (app uninstalled, unfollowed).</summary>
    public DateTimeOffset? UnreachableSince { get; set; }
}
