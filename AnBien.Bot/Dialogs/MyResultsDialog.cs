using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// "Kết quả của tôi": the person's own months, newest first, in one reply; then the dialog ends. Staff see only their
/// own answers. The smallest dialog, and the example README's "How to add a dialog" points at. Script: Dialogs/ket-qua-cua-toi.md.
/// </summary>
public sealed class MyResultsDialog(CatalogueRegistry catalogues) : StepDialog<DialogScope<StepState>>
{
    public const string DialogName = "my-results";

    public override string Name => DialogName;

    public override MenuEntry MenuEntry { get; } = new("cmd:results", "menu.results", 2, ["kết quả của tôi", "kết quả", "my results"]);

    // One reply and done: no question waits for an answer.
    protected override IReadOnlyList<DialogStep<DialogScope<StepState>>> Steps { get; } = [];

    public override async Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        await ShowResultsAsync(turn, ct);
        turn.EndDialog();
    }

    protected override Task<DialogScope<StepState>?> OpenAsync(TurnContext turn, CancellationToken ct) =>
        Task.FromResult<DialogScope<StepState>?>(new(turn, turn.DialogState<StepState>()));

    private async Task ShowResultsAsync(TurnContext turn, CancellationToken ct)
    {
        var staffId = turn.Staff!.Id;
        var rows = await turn.Db.Assessments.AsNoTracking()
            .Where(a => a.StaffId == staffId)
            .OrderByDescending(a => a.Period!.Month)
            .Take(12)
            .Select(a => new { a.Period!.Month, a.Status, a.TotalPoints, a.MaxPoints, a.ProposedClassification, Answered = a.Answers.Count })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            turn.Say(turn.T("results.none"));
            return;
        }

        var levels = catalogues.Current.Catalogue.Classification.Levels;
        var lines = new List<string> { turn.T("results.title") };
        foreach (var r in rows)
        {
            var month = DisplayFormat.Month(r.Month);
            if (r.Status == AssessmentStatus.Submitted && r.MaxPoints is > 0)
            {
                var percent = DisplayFormat.Percent(100m * r.TotalPoints!.Value / r.MaxPoints.Value, turn.Language);
                var label = levels.FirstOrDefault(l => l.Code == r.ProposedClassification)?.Label ?? r.ProposedClassification ?? "—";
                lines.Add(turn.T("results.submitted", ("month", month), ("total", r.TotalPoints), ("max", r.MaxPoints), ("percent", percent), ("proposed", label)));
            }
            else
            {
                lines.Add(turn.T("results.inProgress", ("month", month), ("answered", r.Answered), ("count", catalogues.Current.For(turn.Staff!.Roles).Questions.Count)));
            }
        }

        turn.Send(new OutgoingMessage(string.Join('\n', lines))
        {
            Title = turn.T("results.title"),
            Choices = [new Choice("cmd:assess", turn.T("menu.assess"), 1), new Choice(MainMenu.HelpCommand, turn.T("menu.help"), 2)],
        });
    }
}
