using AnBien.Bot.Storage;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Announcements;

/// <summary>
/// Who may announce in chat (docs/product.md, "Announcements"): the council and administrators to anyone; unit heads
/// only when Announcements:HeadsMaySend is on, and then only to their own unit and its sub-units.
/// </summary>
public sealed class AnnouncementAccess(IOptions<AnnouncementOptions> options)
{
    public const string ComposeAction = "announce.compose";
    public const string SendAction = "announce.send";
    public const string StatusAction = "announce.status";
    public const string WorkbookAction = "announce.workbook";

    public StaffRoles Senders => StaffRoles.Council | StaffRoles.Admin | (options.Value.HeadsMaySend ? StaffRoles.UnitHead : StaffRoles.None);

    public bool MaySend(Staff staff) => (staff.Roles & Senders) != 0;

    /// <summary>A head who may send, but only to their own unit (the council and administrators choose any audience).</summary>
    public static bool IsLimitedToOwnUnit(Staff staff) => (staff.Roles & (StaffRoles.Council | StaffRoles.Admin)) == 0;
}
