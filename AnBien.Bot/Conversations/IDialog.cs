namespace AnBien.Bot.Conversations;

/// <summary>A conversation the bot leads. "menu", "hủy", "để sau" are handled once by the engine; "quay lại" by each dialog.</summary>
public interface IDialog
{
    string Name { get; }

    Task BeginAsync(TurnContext turn, CancellationToken ct);

    Task ContinueAsync(TurnContext turn, CancellationToken ct);

    /// <summary>"quay lại": go back one step.</summary>
    Task BackAsync(TurnContext turn, CancellationToken ct);

    /// <summary>Ask the current question again (after a stale button, or when resuming).</summary>
    Task RepromptAsync(TurnContext turn, CancellationToken ct);

    /// <summary>What to say when the person pauses ("để sau"); progress is already stored.</summary>
    Task PauseAsync(TurnContext turn, CancellationToken ct);
}
