namespace AnBien.Bot.Directory;

/// <summary>A unit as read from an import file; <see cref="Line"/> is where it stands, for error reports.</summary>
public sealed record UnitRow(int Line, string Code, string Name, string? ParentCode);
