namespace AnBien.Bot.Conversations;

/// <summary>The typed state of a dialog that keeps its step with the conversation; derive to add the dialog's own fields.</summary>
public class StepState
{
    public string Step { get; set; } = "";
}
