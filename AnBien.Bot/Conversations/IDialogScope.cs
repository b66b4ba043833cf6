namespace AnBien.Bot.Conversations;

/// <summary>A dialog's view of one turn: the turn, and the step the person is at (wherever the dialog keeps it).</summary>
public interface IDialogScope
{
    TurnContext Turn { get; }

    string Step { get; set; }
}
