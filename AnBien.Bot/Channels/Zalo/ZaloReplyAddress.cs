namespace AnBien.Bot.Channels.Zalo;

/// <summary>The person a Zalo reply goes to (the OA's user id), stored on each outbox row.</summary>
public sealed record ZaloReplyAddress(string UserId);
