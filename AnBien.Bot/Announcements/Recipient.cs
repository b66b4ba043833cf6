namespace AnBien.Bot.Announcements;

/// <summary>A person an announcement goes to, with the channel that will carry it, or why none can.</summary>
public sealed record Recipient(int StaffId, string? Channel, string? UnreachableReason, Reachability Reach = Reachability.Reachable);
