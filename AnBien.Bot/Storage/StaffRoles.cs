namespace AnBien.Bot.Storage;

[Flags]
public enum StaffRoles
{
    None = 0,
    Staff = 1,
    UnitHead = 2,
    Council = 4,
    Admin = 8,

    /// <summary>A deputy or other manager who is not the unit head: asked the items the plan addresses to leaders.</summary>
    Leader = 16,
}
