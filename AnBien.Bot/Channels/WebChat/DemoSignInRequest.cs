namespace AnBien.Bot.Channels.WebChat;

public sealed record DemoSignInRequest(string? StaffCode);
