namespace AnBien.Bot.Conversations;

/// <summary>
/// One step of a <see cref="StepDialog{TScope}"/>: the question, how the answer is taken and where "quay lại" leads,
/// side by side. Give either <see cref="Answer"/> or <see cref="AnswerAsync"/>.
/// </summary>
public sealed class DialogStep<TScope>(string name) where TScope : IDialogScope
{
    public string Name { get; } = name;

    /// <summary>Asks the step's question (it may say something first).</summary>
    public required Action<TScope> Ask { get; init; }

    public Func<TScope, StepResult>? Answer { get; init; }

    public Func<TScope, CancellationToken, Task<StepResult>>? AnswerAsync { get; init; }

    /// <summary>"quay lại": the step to go back to, or null when nothing comes before this one.</summary>
    public Func<TScope, string?> Back { get; init; } = _ => null;

    /// <summary>What to say before asking again after an answer that matched nothing; "miss.retry" when not given.</summary>
    public Func<TScope, string>? Retry { get; init; }

    public Task<StepResult> TakeAsync(TScope scope, CancellationToken ct) =>
        AnswerAsync?.Invoke(scope, ct)
        ?? Task.FromResult(Answer?.Invoke(scope) ?? throw new InvalidOperationException($"Step '{Name}' takes no answer."));
}
