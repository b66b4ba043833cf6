namespace AnBien.Bot.Storage;

/// <summary>One person of the staff directory (cán bộ, công chức, viên chức, người lao động).</summary>
public sealed class Staff
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string FullName { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string? Title { get; set; }
    public StaffRoles Roles { get; set; } = StaffRoles.Staff;
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? TeamsObjectId { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>
    /// The staff category (<see cref="StaffCategory"/>: công chức, viên chức, người lao động) that decides which catalogue
    /// variant a person is assessed with; null keeps them on the catalogue meant for everyone.
    /// </summary>
    public string? Category { get; set; }

    /// <summary>"vi" or "en": the language the bot speaks to this person.</summary>
    public string Language { get; set; } = "vi";
}
