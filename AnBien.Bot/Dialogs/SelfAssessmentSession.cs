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

    /// <summary>The campaign questions the period carries, asked after the plan's items; empty for most periods.</summary>
    public IReadOnlyList<CampaignItem> CampaignItems { get; init; } = [];

    /// <summary>This assessment's campaign answers (tracked rows, so a changed answer is saved with the turn).</summary>
    public List<Campaigns.CampaignAnswer> CampaignAnswers { get; init; } = [];

    /// <summary>The campaign question under the cursor, while the step is the campaign step.</summary>
    public CampaignItem CampaignItem => CampaignItems[Math.Clamp(Assessment.Cursor, 0, CampaignItems.Count - 1)];
}
