using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Dialogs;

/// <summary>The collective assessment's view of one turn: the unit's row (which holds the step), its period and form.</summary>
public sealed record CollectiveSession(
    TurnContext Turn,
    UnitAssessment Assessment,
    Unit Unit,
    Period Period,
    AssessmentForm Form,
    IReadOnlyDictionary<string, string> LastMonth) : IDialogScope
{
    public string Step
    {
        get => Assessment.Step;
        set => Assessment.Step = value;
    }

    public FormQuestion Question => Form.Questions[Math.Clamp(Assessment.Cursor, 0, Form.Questions.Count - 1)];

    public string Input => Turn.Input ?? "";
}
