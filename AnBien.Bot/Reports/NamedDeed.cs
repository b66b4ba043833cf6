namespace AnBien.Bot.Reports;

/// <summary>
/// A good deed (GroupCode null) or an initiative (the group it is about): who wrote it, in which unit and month, and
/// the staff codes of the other people it names, if any.
/// </summary>
public sealed record NamedDeed(string Month, string AuthorCode, string AuthorName, string UnitCode, string? GroupCode, string Text, IReadOnlyList<string> Named);
