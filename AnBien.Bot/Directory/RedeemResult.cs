using AnBien.Bot.Storage;

namespace AnBien.Bot.Directory;

/// <summary>The outcome of an activation code: whose it is (not yet linked), or how many tries are left, or until when tries are refused.</summary>
public sealed record RedeemResult(Staff? Staff, int AttemptsLeft, DateTimeOffset? LockedUntil);
