namespace AnBien.Bot.Conversations;

/// <summary>
/// A channel-neutral reply. Channels render it their way: Teams as an Adaptive Card, Zalo as text with buttons,
/// the web chat as a bubble with buttons; <see cref="Text"/> alone must always make sense.
/// </summary>
public sealed record OutgoingMessage(string Text)
{
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>A short heading (card title).</summary>
    public string? Title { get; init; }

    /// <summary>Label/value rows (card facts table), also present in <see cref="Text"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; } = [];

    /// <summary>Identifies the question, so channels can tag buttons and recognise stale clicks.</summary>
    public string? PromptId { get; init; }

    /// <summary>A line such as "Trả lời: 2 = Thường xuyên …" for channels without buttons.</summary>
    public string? ChoicesHint { get; init; }

    /// <summary>A picture shown with the message (e.g. a summary's chart); <see cref="Text"/> still makes sense without it.</summary>
    public MessageImage? Image { get; init; }
}
