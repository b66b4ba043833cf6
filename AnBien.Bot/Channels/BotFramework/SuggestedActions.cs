using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.BotFramework;

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];

    /// <summary>
    /// The choices as buttons any Bot Framework client shows (docs/protocols/botframework.md §1): imBack sends the label back
    /// as text, which the engine's choice matching understands like a typed answer.
    /// </summary>
    public static SuggestedActions For(IReadOnlyList<Choice> choices, string? to) => new()
    {
        To = to is null ? null : [to],
        Actions = choices.Select(c => new CardAction { Type = "imBack", Title = c.Label, Value = c.Label }).ToList(),
    };
}
