using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Dialogs;

/// <summary>The self-assessment's view of one turn: the assessment row (which holds the step), its period and form.</summary>
public sealed record SelfAssessmentSession(
    TurnContext Turn,
    Storage.Assessment Assessment,
    Period Period,
    AssessmentForm Form,
    IReadOnlyDictionary<string, string> LastMonth) : IDialogScope
{
    public string Step
    {
        get => Assessment.Step;
        set => Assessment.Step = value;
    }

    public FormQuestion Question => Form.Questions[Assessment.Cursor];

    public string Input => Turn.Input ?? "";
}
