namespace AnBien.Bot.Channels.WebChat;

/// <summary>One entry of the demo picker (fictional people of Resources/demo).</summary>
public sealed record DemoStaffMember(string Code, string Name, string? Title, string Unit);
