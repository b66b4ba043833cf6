namespace AnBien.Bot.Conversations;

/// <summary>A button. <see cref="Value"/> is what comes back; <see cref="Number"/> is what a person may type instead.</summary>
public sealed record Choice(string Value, string Label, int? Number = null, IReadOnlyList<string>? Aliases = null);
