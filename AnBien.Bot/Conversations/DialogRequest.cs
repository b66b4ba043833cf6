namespace AnBien.Bot.Conversations;

/// <summary>A change to the dialog stack asked for during a turn; the engine carries it out when the dialog returns.</summary>
public sealed record DialogRequest(DialogRequestKind Kind, string? Name = null, object? Options = null);
