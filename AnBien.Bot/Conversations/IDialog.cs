namespace AnBien.Bot.Conversations;

/// <summary>
/// What the engine asks of a dialog. Dialogs are written on <see cref="StepDialog{TScope}"/>, which implements this from a
/// list of steps; "menu", "hủy", "để sau", "quay lại", the language words, stale clicks and the three-miss rule are
/// handled once by the engine for every dialog.
/// </summary>
public interface IDialog
{
    string Name { get; }

    /// <summary>How a person starts it from the menu (and by typing), or null when only code starts it.</summary>
    MenuEntry? MenuEntry => null;

    /// <summary>Starts the dialog, which the engine has just put on the conversation's stack.</summary>
    Task BeginAsync(TurnContext turn, object? options, CancellationToken ct);

    /// <summary>Takes the person's answer. False when it matched nothing: the engine counts the miss.</summary>
    Task<bool> ContinueAsync(TurnContext turn, CancellationToken ct);

    /// <summary>Says why the answer was not taken and asks the current question again.</summary>
    Task RetryAsync(TurnContext turn, CancellationToken ct);

    /// <summary>"quay lại": go back one step.</summary>
    Task BackAsync(TurnContext turn, CancellationToken ct);

    /// <summary>Ask the current question again (after a stale button, or a language switch).</summary>
    Task RepromptAsync(TurnContext turn, CancellationToken ct);

    /// <summary>What to say when the person pauses ("để sau"); progress is already stored.</summary>
    Task PauseAsync(TurnContext turn, CancellationToken ct);

    /// <summary>
    /// Whether the person left this dialog unfinished, here or on another channel, so that a message with nothing
    /// else to do resumes it (the engine then begins it again).
    /// </summary>
    Task<bool> HasWorkToResumeAsync(TurnContext turn, CancellationToken ct) => Task.FromResult(false);
}
