using AnBien.Bot.Storage;

namespace AnBien.Bot.Summaries;

/// <summary>
/// Whose figures a person may see (docs/product.md, "Summaries"): the council (and administrators) everything, a unit
/// head their unit and the units under it, everyone else no unit's figures (only their own results).
/// </summary>
public static class SummaryAccess
{
    public static bool MaySee(Staff viewer, UnitTree tree, UnitTree.Node unit)
    {
        if (!viewer.Active) return false;
        if ((viewer.Roles & (StaffRoles.Council | StaffRoles.Admin)) != 0) return true;
        return viewer.Roles.HasFlag(StaffRoles.UnitHead) && tree.IsWithin(unit.Id, viewer.UnitId);
    }

    /// <summary>True for those who get summaries at all (the menu entry and "tổng hợp" are only for them).</summary>
    public static bool GetsSummaries(Staff viewer) =>
        viewer.Active && (viewer.Roles & (StaffRoles.UnitHead | StaffRoles.Council | StaffRoles.Admin)) != 0;
}
