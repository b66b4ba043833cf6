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

    /// <summary>
    /// The person wrote to the bot through this account at <paramref name="at"/>: the one place every channel records it.
    /// The account is reachable again; the time is kept to the minute, plenty for reachability windows (Zalo's 48 hours
    /// and 7 days, docs/protocols/zalo.md) and a write saved on most turns. An older event never moves it back.
    /// </summary>
    public void Interacted(DateTimeOffset at)
    {
        if (LastInteractionAt is not { } last || at - last >= TimeSpan.FromMinutes(1)) LastInteractionAt = at;
        UnreachableSince = null;
    }
}
