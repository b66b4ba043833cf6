namespace AnBien.Bot.Announcements;

public enum AudienceKind
{
    All,
    Units,
    Roles,
    Staff,
}
