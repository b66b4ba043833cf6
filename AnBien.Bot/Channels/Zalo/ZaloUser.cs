namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// What the bot knows about a Zalo user whether or not they are linked: when they last interacted (which decides
/// whether the OA may message them, docs/protocols/zalo.md §2.4), whether they unfollowed, and when the phone was asked.
/// </summary>
public sealed class ZaloUser
{
    public required string UserId { get; set; }
    public DateTimeOffset? LastInteractionAt { get; set; }
    public DateTimeOffset? FollowedAt { get; set; }
    public DateTimeOffset? UnfollowedAt { get; set; }
    public DateTimeOffset? PhoneRequestedAt { get; set; }
}
