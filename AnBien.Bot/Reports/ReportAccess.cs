using AnBien.Bot.Storage;

namespace AnBien.Bot.Reports;

/// <summary>
/// The yearly report and the award candidates are the council's (and administrators'): they rank people across
/// units, and the council is who proposes awards; a unit head's figures stay in the summaries of their own units.
/// </summary>
public static class ReportAccess
{
    public static bool MaySee(Staff viewer) => viewer.Active && (viewer.Roles & (StaffRoles.Council | StaffRoles.Admin)) != 0;
}
