namespace AnBien.Bot.Assessment;

public sealed record ScaleChoice
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    public int Points { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The label in other languages, by language code ("en": "Often"); <see cref="Label"/> is Vietnamese.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string LabelIn(string language) => Labels.TryGetValue(language, out var label) ? label : Label;

    /// <summary>Everything a person may type for this choice in any language: the aliases and every label.</summary>
    public IReadOnlyList<string> AllWords() => [.. Aliases, Label, .. Labels.Values];
}
