namespace AnBien.Bot.Directory;

/// <summary>What an import did, or why it did nothing: errors carry the file's line numbers.</summary>
public sealed class ImportReport
{
    public List<string> Errors { get; } = [];

    /// <summary>One line per unit or person that changes, in file order; people missing from a staff list last.</summary>
    public List<string> Changes { get; } = [];

    /// <summary>Nothing was saved: the report says what the import would do.</summary>
    public bool DryRun { get; init; }
    public int UnitsCreated { get; set; }
    public int UnitsUpdated { get; set; }
    public int StaffCreated { get; set; }
    public int StaffUpdated { get; set; }
    public int StaffMoved { get; set; }
    public int StaffDeactivated { get; set; }
    public bool Succeeded => Errors.Count == 0;

    public override string ToString() => Succeeded
        ? (DryRun ? "Dry run, nothing saved. Would change: " : "") + $"Units: {UnitsCreated} created, {UnitsUpdated} updated. Staff: {StaffCreated} created, {StaffUpdated} updated, {StaffMoved} moved, {StaffDeactivated} deactivated."
        : $"Nothing imported; {Errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, Errors)}";
}
