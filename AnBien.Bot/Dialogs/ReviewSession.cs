using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Review;

namespace AnBien.Bot.Dialogs;

/// <summary>The review dialog's view of one turn: its state, the reviewer's list, and the submission opened, if any.</summary>
public sealed class ReviewSession(TurnContext turn, ReviewState state) : IDialogScope
{
    public TurnContext Turn { get; } = turn;
    public ReviewState State { get; } = state;
    public List<ReviewItem> Items { get; set; } = [];
    public Storage.Assessment? Current { get; set; }
    public AssessmentForm? Form { get; set; }

    public string Step
    {
        get => State.Step;
        set => State.Step = value;
    }

    public string Input => Turn.Input ?? "";
}
