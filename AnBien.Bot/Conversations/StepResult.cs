namespace AnBien.Bot.Conversations;

/// <summary>What a step made of the person's answer.</summary>
public sealed record StepResult
{
    private StepResult(string? next, bool understood)
    {
        Next = next;
        Understood = understood;
    }

    /// <summary>The answer matched nothing: the engine counts a miss and asks again, or offers the menu after three.</summary>
    public static StepResult NotUnderstood { get; } = new(null, false);

    /// <summary>The step replied itself (asked a follow-up, or ended the dialog through the turn).</summary>
    public static StepResult Handled { get; } = new(null, true);

    public string? Next { get; }
    public bool Understood { get; }

    /// <summary>Move to that step and ask its question.</summary>
    public static StepResult GoTo(string step) => new(step, true);
}
