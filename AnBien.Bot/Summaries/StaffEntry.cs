namespace AnBien.Bot.Summaries;

/// <summary>A person in a summary's list (e.g. not submitted): staff code, name, the unit they were expected in, the month.</summary>
public sealed record StaffEntry(string Code, string FullName, string UnitCode, string Month);
