using System.Text.Json;

namespace AnBien.Bot.Conversations;

/// <summary>One dialog on the conversation's stack: its name and its own typed state, stored as JSON.</summary>
public sealed class DialogFrame
{
    private object? _state;

    public required string Name { get; init; }

    /// <summary>The dialog's state as stored; read through <see cref="StateAs{TState}"/>.</summary>
    public JsonElement? State { get; set; }

    /// <summary>The dialog's typed state, read once per turn; changes are written back when the turn commits.</summary>
    public TState StateAs<TState>() where TState : class, new()
    {
        if (_state is TState known) return known;
        var state = State is { ValueKind: JsonValueKind.Object } json ? json.Deserialize<TState>() ?? new TState() : new TState();
        _state = state;
        return state;
    }

    internal void Store()
    {
        if (_state is not null) State = JsonSerializer.SerializeToElement(_state, _state.GetType());
    }
}
