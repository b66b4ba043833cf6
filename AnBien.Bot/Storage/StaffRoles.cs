namespace AnBien.Bot.Storage;

[Flags]
public enum StaffRoles
{
    None = 0,
    Staff = 1,
    UnitHead = 2,
    Council = 4,
    Admin = 8,
}
