using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// Two months open at once (last month kept open late, this month opened) and nothing under way in either: ask which
/// one to assess, then hand over to the self-assessment for that month. Script: Dialogs/tu-danh-gia.md.
/// </summary>
public sealed class AssessmentMonthDialog : StepDialog<DialogScope<AssessmentMonthState>>
{
    public const string DialogName = "assessment-month";

    private const string Pick = "pick";

    public override string Name => DialogName;

    protected override IReadOnlyList<DialogStep<DialogScope<AssessmentMonthState>>> Steps { get; } =
    [
        new(Pick)
        {
            Ask = s => s.Turn.Send(new OutgoingMessage(s.Turn.T("assess.month.ask", ("months", string.Join(", ", s.State.Months.Select(DisplayFormat.Month)))))
            {
                Choices = Choices(s),
                PromptId = $"month:{string.Join('-', s.State.PeriodIds)}",
            }),
            Answer = s =>
            {
                if (ChoiceMatcher.Match(s.Turn.Input, Choices(s)) is not { } picked) return StepResult.NotUnderstood;
                s.Turn.ReplaceDialog(SelfAssessmentDialog.DialogName, int.Parse(picked.Value[(picked.Value.IndexOf(':') + 1)..]));
                return StepResult.Handled;
            },
        },
    ];

    /// <summary>Options: the open periods, oldest first.</summary>
    public override Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        var state = turn.DialogState<AssessmentMonthState>();
        var open = (IReadOnlyList<Period>)options!;
        state.PeriodIds = open.Select(p => p.Id).ToList();
        state.Months = open.Select(p => p.Month).ToList();
        state.Step = Pick;
        var scope = new DialogScope<AssessmentMonthState>(turn, state);
        Remember(turn, scope);
        Ask(scope);
        return Task.CompletedTask;
    }

    protected override Task<DialogScope<AssessmentMonthState>?> OpenAsync(TurnContext turn, CancellationToken ct) =>
        Task.FromResult<DialogScope<AssessmentMonthState>?>(new(turn, turn.DialogState<AssessmentMonthState>()));

    private static List<Choice> Choices(DialogScope<AssessmentMonthState> s) =>
        s.State.PeriodIds.Select((id, i) => new Choice($"period:{id}", s.Turn.T("assess.month.choice", ("month", DisplayFormat.Month(s.State.Months[i]))), i + 1,
            [DisplayFormat.Month(s.State.Months[i]), s.State.Months[i]])).ToList();
}
