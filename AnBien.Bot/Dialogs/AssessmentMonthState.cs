using AnBien.Bot.Conversations;

namespace AnBien.Bot.Dialogs;

/// <summary>The months offered when more than one period is open, in the order of the buttons.</summary>
public sealed class AssessmentMonthState : StepState
{
    public List<int> PeriodIds { get; set; } = [];
    public List<string> Months { get; set; } = [];
}
