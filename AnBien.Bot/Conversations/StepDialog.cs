namespace AnBien.Bot.Conversations;

/// <summary>
/// The shape every dialog follows: a list of named <see cref="DialogStep{TScope}"/>s in the order the person meets them.
/// The base class finds the current step, hands it the answer, moves on, asks, and goes back; the engine does the rest
/// (menu, "hủy", "để sau", stale clicks, three misses, language). See README, "How to add a dialog".
/// </summary>
public abstract class StepDialog<TScope> : IDialog where TScope : class, IDialogScope
{
    private Dictionary<string, DialogStep<TScope>>? _steps;

    public abstract string Name { get; }

    public virtual MenuEntry? MenuEntry => null;

    /// <summary>The steps, in conversation order.</summary>
    protected abstract IReadOnlyList<DialogStep<TScope>> Steps { get; }

    /// <summary>
    /// This turn's scope: the dialog's state and whatever its steps read. Null when the dialog could not go on and has
    /// already said why (and ended itself through the turn).
    /// </summary>
    protected abstract Task<TScope?> OpenAsync(TurnContext turn, CancellationToken ct);

    public abstract Task BeginAsync(TurnContext turn, object? options, CancellationToken ct);

    public virtual Task PauseAsync(TurnContext turn, CancellationToken ct) => Task.CompletedTask;

    public virtual Task<bool> HasWorkToResumeAsync(TurnContext turn, CancellationToken ct) => Task.FromResult(false);

    public async Task<bool> ContinueAsync(TurnContext turn, CancellationToken ct)
    {
        if (await ScopeAsync(turn, ct) is not { } scope) return true;
        var result = await StepOf(scope).TakeAsync(scope, ct);
        if (result.Next is { } next) GoTo(scope, next);
        return result.Understood;
    }

    public async Task RetryAsync(TurnContext turn, CancellationToken ct)
    {
        if (await ScopeAsync(turn, ct) is not { } scope) return;
        var step = StepOf(scope);
        turn.Say(step.Retry?.Invoke(scope) ?? turn.T("miss.retry"));
        step.Ask(scope);
    }

    public async Task BackAsync(TurnContext turn, CancellationToken ct)
    {
        if (await ScopeAsync(turn, ct) is not { } scope) return;
        if (StepOf(scope).Back(scope) is { } previous)
        {
            GoTo(scope, previous);
            return;
        }

        turn.Say(turn.T("back.none"));
        Ask(scope);
    }

    public async Task RepromptAsync(TurnContext turn, CancellationToken ct)
    {
        if (await ScopeAsync(turn, ct) is { } scope) Ask(scope);
    }

    /// <summary>Moves to a step and asks its question.</summary>
    protected void GoTo(TScope scope, string step)
    {
        scope.Step = step;
        Ask(scope);
    }

    protected void Ask(TScope scope) => StepOf(scope).Ask(scope);

    /// <summary>Keeps a scope the dialog opened itself (in <see cref="BeginAsync"/>) for the rest of the turn.</summary>
    protected static void Remember(TurnContext turn, TScope scope) => turn.OpenScope = scope;

    /// <summary>The scope opened once per turn, so the steps, a retry and a re-ask share one read.</summary>
    protected async Task<TScope?> ScopeAsync(TurnContext turn, CancellationToken ct)
    {
        if (turn.OpenScope is TScope open) return open;
        var scope = await OpenAsync(turn, ct);
        turn.OpenScope = scope;
        return scope;
    }

    private DialogStep<TScope> StepOf(TScope scope)
    {
        _steps ??= Steps.ToDictionary(s => s.Name, StringComparer.Ordinal);
        return _steps.TryGetValue(scope.Step, out var step) ? step : Steps[0];
    }
}
