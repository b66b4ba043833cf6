using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;

namespace AnBien.Bot.Review;

/// <summary>
/// Who reviews whose assessment (issue 11): the council everyone, a unit head the people of their unit and the units
/// under it, nobody themself. A head's own assessment goes one level up: to a head of a unit above theirs, or to the
/// council when their unit is a root.
/// </summary>
public static class ReviewScope
{
    public static bool IsReviewer(Staff reviewer) =>
        reviewer.Active && (reviewer.Roles & (StaffRoles.UnitHead | StaffRoles.Council)) != 0;

    /// <param name="unitId">The unit the person assessed in (Assessment.UnitId).</param>
    public static bool MayReview(Staff reviewer, int staffId, StaffRoles staffRoles, int unitId, UnitTree tree)
    {
        if (!IsReviewer(reviewer) || reviewer.Id == staffId) return false;
        if (reviewer.Roles.HasFlag(StaffRoles.Council)) return true;
        if (!reviewer.Roles.HasFlag(StaffRoles.UnitHead) || !tree.IsWithin(unitId, reviewer.UnitId)) return false;
        // A head is reviewed from above, so a fellow head of the same unit may not confirm them.
        return !staffRoles.HasFlag(StaffRoles.UnitHead) || unitId != reviewer.UnitId;
    }
}
