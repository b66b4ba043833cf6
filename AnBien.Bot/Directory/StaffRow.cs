namespace AnBien.Bot.Directory;

/// <summary>A person as read from an import file (columns code,full_name,unit_code,title,roles,email,phone,teams_object_id[,category]).</summary>
public sealed record StaffRow(int Line, string Code, string FullName, string UnitCode, string? Title, string? Roles, string? Email, string? Phone, string? TeamsObjectId)
{
    /// <summary>The optional staff category (Storage.StaffCategory); null when the cell or the column is empty.</summary>
    public string? Category { get; init; }
}
