using AnBien.Bot.Storage;

namespace AnBien.Bot.Directory;

/// <summary>The outcome of an activation code: the new link, or how many tries are left, or until when tries are refused.</summary>
public sealed record RedeemResult(ChannelAccount? Account, int AttemptsLeft, DateTimeOffset? LockedUntil);
