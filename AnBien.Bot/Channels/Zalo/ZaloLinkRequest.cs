using AnBien.Bot.Storage;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// A Zalo user shared a phone that matches a staff record. The phone is user-declared (docs/protocols/zalo.md §4), so it
/// only proposes the link: the unit head asked in chat confirms or refuses it.
/// </summary>
public sealed class ZaloLinkRequest
{
    public long Id { get; set; }
    public required string ZaloUserId { get; set; }
    public int StaffId { get; set; }
    public Staff? Staff { get; set; }

    /// <summary>The head who was asked; only they can decide. Null until one was reached.</summary>
    public int? ApproverStaffId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public bool? Approved { get; set; }
}
