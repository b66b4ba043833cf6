using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// "Tổng hợp" for unit heads and the council (docs/product.md, "Summaries"): a head gets their own unit, the council
/// picks a unit or the whole organisation. One short reply: participation, average, the three weakest items, who has
/// not submitted (each with a one-tap "Nhắc" while the month is open), the chart, and the workbook link. Access and the
/// audit row are <see cref="SummaryDesk"/>'s. Script: Dialogs/tong-hop.md.
/// </summary>
public sealed class SummaryDialog(SummaryDesk desk, SummaryLinks links, IOptions<PeriodOptions> periods) : StepDialog<DialogScope<SummaryState>>
{
    public const string DialogName = "summary";
    public const string WholeOrganisation = "unit:*";
    private const string UnitPrefix = "unit:";
    private const string RemindPrefix = SummaryReminders.Prefix;
    private const int RemindButtons = 5;
    private const string UnitStep = "unit";

    public override string Name => DialogName;

    public override MenuEntry MenuEntry { get; } = new("cmd:summary", "menu.summary", 4, [SummaryWords.Words, "summary"],
        StaffRoles.UnitHead | StaffRoles.Council | StaffRoles.Admin, TakesMore: true);

    protected override IReadOnlyList<DialogStep<DialogScope<SummaryState>>> Steps =>
    [
        new(UnitStep)
        {
            Ask = AskUnit,
            AnswerAsync = TakeUnitAsync,
            Retry = s => s.Turn.T("summary.pickUnit.retry"),
        },
    ];

    public override async Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        var staff = turn.Staff!;
        var (named, unitWords) = SummaryWords.Read(turn.Input, Today(turn));
        var period = named ?? await DefaultPeriodAsync(turn, ct);
        if (period is null)
        {
            turn.Say(turn.T("summary.noPeriod"));
            turn.EndDialog();
            return;
        }

        var tree = await UnitTree.LoadAsync(turn.Db, ct);
        if (unitWords is not null)
        {
            var unit = Find(tree, unitWords);
            if (unit is null) turn.Say(turn.T("summary.unknownUnit"));
            else await ShowAsync(turn, new SummaryRequest(unit.Code, true, period), ct);
            turn.EndDialog();
            return;
        }

        if ((staff.Roles & (StaffRoles.Council | StaffRoles.Admin)) != 0)
        {
            var scope = new DialogScope<SummaryState>(turn, turn.DialogState<SummaryState>());
            scope.State.Period = period.Label;
            scope.State.Units = UnitChoices(turn, tree);
            Remember(turn, scope);
            GoTo(scope, UnitStep);
            return;
        }

        await ShowAsync(turn, new SummaryRequest(tree.CodeOf(staff.UnitId), true, period), ct);
        turn.EndDialog();
    }

    private async Task<StepResult> TakeUnitAsync(DialogScope<SummaryState> scope, CancellationToken ct)
    {
        var turn = scope.Turn;
        var picked = ChoiceMatcher.Match(turn.Input, scope.State.Units);
        var tree = await UnitTree.LoadAsync(turn.Db, ct);
        var code = picked?.Value switch
        {
            WholeOrganisation => tree.Roots[0].Code,
            { } value => value[UnitPrefix.Length..],
            null => Find(tree, turn.Input ?? "")?.Code,
        };
        if (code is null) return StepResult.NotUnderstood;
        await ShowAsync(turn, new SummaryRequest(code, true, SummaryPeriod.Parse(scope.State.Period)), ct);
        turn.EndDialog();
        return StepResult.Handled;
    }

    protected override Task<DialogScope<SummaryState>?> OpenAsync(TurnContext turn, CancellationToken ct) =>
        Task.FromResult<DialogScope<SummaryState>?>(new(turn, turn.DialogState<SummaryState>()));

    private static void AskUnit(DialogScope<SummaryState> scope)
    {
        var turn = scope.Turn;
        var choices = scope.State.Units;
        turn.Send(new OutgoingMessage(turn.T("summary.pickUnit", ("period", SummaryText.PeriodName(turn.Texts, turn.Language, SummaryPeriod.Parse(scope.State.Period)))))
        {
            Choices = choices,
            PromptId = "summary-unit",
            ChoicesHint = turn.T("menu.hint", ("choices", string.Join(", ", choices.Select(c => $"{c.Number} = {c.Label}")))),
        });
    }

    /// <summary>The whole organisation first, then the units under the root in the order of the directory.</summary>
    private static List<Choice> UnitChoices(TurnContext turn, UnitTree tree)
    {
        var choices = new List<Choice> { new(WholeOrganisation, turn.T("summary.wholeOrganisation"), 1) };
        var root = tree.Roots[0];
        foreach (var node in tree.Children(root.Id))
        {
            choices.Add(new Choice(UnitPrefix + node.Code, node.Name, choices.Count + 1, [node.Code]));
        }

        return choices;
    }

    private static UnitTree.Node? Find(UnitTree tree, string words)
    {
        var folded = TextNormalizer.Fold(words);
        if (folded.Length == 0) return null;
        return tree.Nodes.FirstOrDefault(n => TextNormalizer.Fold(n.Code) == folded)
            ?? tree.Nodes.FirstOrDefault(n => TextNormalizer.Fold(n.Name) == folded)
            ?? tree.Nodes.FirstOrDefault(n => TextNormalizer.Fold(n.Name).Contains(folded, StringComparison.Ordinal));
    }

    private async Task ShowAsync(TurnContext turn, SummaryRequest request, CancellationToken ct)
    {
        var outcome = await desk.ForAsync(turn.Db, turn.Staff!, request, SummaryAudit.View, ct);
        if (outcome.Denied)
        {
            turn.Say(turn.T("summary.denied"));
            return;
        }

        if (outcome.Summary is not { MonthsHeld.Count: > 0 } summary)
        {
            turn.Say(outcome.UnknownUnit
                ? turn.T("summary.unknownUnit")
                : turn.T("summary.nothingHeld", ("period", SummaryText.PeriodName(turn.Texts, turn.Language, request.Period))));
            return;
        }

        var language = turn.Language;
        var viewer = turn.Staff!.Id;
        var text = SummaryText.Render(turn.Texts, language, summary, links.For(SummaryLinks.WorkbookKind, viewer, request, language), links.Lifetime);
        var open = await OpenMonthAsync(turn, ct);
        var remind = summary.NotSubmitted.Where(n => n.Month == open).DistinctBy(n => n.Code).Take(RemindButtons)
            .Select((n, i) => new Choice(RemindPrefix + n.Code, turn.T("summary.remind.button", ("name", n.FullName)), i + 1))
            .ToList();
        var title = turn.T("summary.title", ("unit", summary.UnitName), ("period", SummaryText.PeriodName(turn.Texts, language, summary.Period)));
        turn.Send(new OutgoingMessage(text)
        {
            Title = title,
            Choices = remind,
            Image = new MessageImage(SummaryChart.Render(turn.Texts, language, summary), title, links.For(SummaryLinks.ChartKind, viewer, request, language)),
        });
    }

    /// <summary>The most recent open period, or the last closed one when none is open.</summary>
    private static async Task<SummaryPeriod?> DefaultPeriodAsync(TurnContext turn, CancellationToken ct)
    {
        var month = await OpenMonthAsync(turn, ct)
            ?? await turn.Db.Periods.AsNoTracking().Where(p => p.ClosedAt != null || p.ClosesAt <= turn.Now)
                .OrderByDescending(p => p.Month).Select(p => p.Month).FirstOrDefaultAsync(ct);
        return month is null ? null : SummaryPeriod.Parse(month);
    }

    private static Task<string?> OpenMonthAsync(TurnContext turn, CancellationToken ct) =>
        turn.Db.Periods.AsNoTracking()
            .Where(p => p.ClosedAt == null && p.OpensAt <= turn.Now && p.ClosesAt > turn.Now)
            .OrderByDescending(p => p.Month).Select(p => p.Month).FirstOrDefaultAsync(ct);

    private DateOnly Today(TurnContext turn) => DateOnly.FromDateTime(turn.Local(turn.Now, periods.Value.TimeZone).DateTime);
}
