namespace AnBien.Bot.Channels.Outbox;

/// <summary>The address of a message to a person rather than to a thread: whichever of their accounts is reachable.</summary>
public sealed record StaffAddress(int StaffId);
