using System.Text.Json.Serialization;

namespace AnBien.Bot.Conversations;

/// <summary>
/// The engine's state of one conversation, stored as JSON in its row. Only engine fields live here; what a dialog
/// remembers is its own typed state in its <see cref="DialogFrame"/>.
/// </summary>
public sealed class ConversationState
{
    /// <summary>The dialogs under way, innermost last; the last one answers.</summary>
    public List<DialogFrame> Stack { get; set; } = [];

    /// <summary>The question currently asked; a button press for any other question is stale.</summary>
    public string? PromptId { get; set; }

    /// <summary>Answers that matched nothing in a row; after three the menu is offered.</summary>
    public int Misses { get; set; }

    public bool Welcomed { get; set; }

    [JsonIgnore]
    public DialogFrame? Active => Stack.Count > 0 ? Stack[^1] : null;
}
