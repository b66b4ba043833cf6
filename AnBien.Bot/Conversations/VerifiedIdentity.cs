namespace AnBien.Bot.Conversations;

/// <summary>Identity facts a channel vouches for. Only set when the channel's authentication proved them.</summary>
public sealed record VerifiedIdentity(string? AadObjectId, string? Email);
