using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Dialogs;

/// <summary>"Kết quả của tôi": the person's own months, newest first. Staff see only their own answers. Script: Dialogs/ket-qua-cua-toi.md.</summary>
public sealed class MyResultsDialog(CatalogueRegistry catalogues) : IDialog
{
    public string Name => DialogNames.MyResults;

    public async Task BeginAsync(TurnContext turn, CancellationToken ct)
    {
        turn.State.ActiveDialog = null;
        var staffId = turn.Staff!.Id;
        var rows = await turn.Db.Assessments.AsNoTracking()
            .Where(a => a.StaffId == staffId)
            .OrderByDescending(a => a.Period!.Month)
            .Take(12)
            .Select(a => new { a.Period!.Month, a.Status, a.TotalPoints, a.MaxPoints, a.ProposedClassification, a.SubmittedAt, Answered = a.Answers.Count })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            turn.Say(turn.T("results.none"));
            return;
        }

        var culture = TextCatalog.Culture(turn.Language);
        var levels = catalogues.Current.Catalogue.Classification.Levels;
        var lines = new List<string> { turn.T("results.title") };
        foreach (var r in rows)
        {
            var month = $"{r.Month[5..]}/{r.Month[..4]}";
            if (r.Status == AssessmentStatus.Submitted && r.MaxPoints is > 0)
            {
                var percent = (100m * r.TotalPoints!.Value / r.MaxPoints.Value).ToString("0.#", culture);
                var label = levels.FirstOrDefault(l => l.Code == r.ProposedClassification)?.Label ?? r.ProposedClassification ?? "—";
                lines.Add(turn.T("results.submitted", ("month", month), ("total", r.TotalPoints), ("max", r.MaxPoints), ("percent", percent), ("proposed", label)));
            }
            else
            {
                lines.Add(turn.T("results.inProgress", ("month", month), ("answered", r.Answered), ("count", catalogues.Current.Questions.Count)));
            }
        }

        turn.Send(new OutgoingMessage(string.Join('\n', lines))
        {
            Title = turn.T("results.title"),
            Choices = [new Choice("cmd:assess", turn.T("menu.assess"), 1), new Choice("cmd:menu", turn.T("menu.help"), 2)],
        });
    }

    public Task ContinueAsync(TurnContext turn, CancellationToken ct) => BeginAsync(turn, ct);

    public Task BackAsync(TurnContext turn, CancellationToken ct) => BeginAsync(turn, ct);

    public Task RepromptAsync(TurnContext turn, CancellationToken ct) => BeginAsync(turn, ct);

    public Task PauseAsync(TurnContext turn, CancellationToken ct) => Task.CompletedTask;
}
