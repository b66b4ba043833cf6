namespace AnBien.Bot.Conversations;

/// <summary>The scope of a dialog whose whole state is its <see cref="StepState"/> in the conversation.</summary>
public sealed class DialogScope<TState>(TurnContext turn, TState state) : IDialogScope where TState : StepState
{
    public TurnContext Turn { get; } = turn;
    public TState State { get; } = state;

    public string Step
    {
        get => State.Step;
        set => State.Step = value;
    }
}
