namespace AnBien.Bot.Channels.Zalo;

/// <summary>A reply could not be sent for a reason that may pass (rate limit, Zalo server trouble); the event is retried later.</summary>
public sealed class ZaloSendFailedException(string message) : Exception(message);
