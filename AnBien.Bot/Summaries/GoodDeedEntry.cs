namespace AnBien.Bot.Summaries;

/// <summary>A good deed or an initiative someone reported: GroupCode is null for the good deed, else the group the note is about.</summary>
public sealed record GoodDeedEntry(string StaffCode, string FullName, string UnitCode, string Month, string? GroupCode, string Text);
