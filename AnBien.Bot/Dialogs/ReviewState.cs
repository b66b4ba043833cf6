using AnBien.Bot.Conversations;

namespace AnBien.Bot.Dialogs;

/// <summary>Where the reviewer is: the page of the list, the submission opened and the level chosen when adjusting.</summary>
public sealed class ReviewState : StepState
{
    public int Page { get; set; }
    public long AssessmentId { get; set; }
    public string? Level { get; set; }
}
