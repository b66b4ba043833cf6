using AnBien.Bot.Conversations;
using AnBien.Bot.Review;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// "Duyệt": the head's review. The list of submissions in the reviewer's scope (waiting first, five a page) → one
/// submission in full → "Đồng ý" confirms the proposal, or "Điều chỉnh" → another level → a reason (required). The person
/// is told the outcome. Decisions can be changed until the review window closes. Script: Dialogs/duyet.md.
/// </summary>
public sealed class ReviewDialog(ReviewDesk desk) : StepDialog<ReviewSession>
{
    public const string DialogName = "review";
    public const int PageSize = 5;

    private const string List = "list", Detail = "detail", Level = "level", Reason = "reason";
    private const string More = "more", Agree = "agree", Adjust = "adjust", BackToList = "to-list", PickPrefix = "pick:", LevelPrefix = "level:";
    private const int MaxReason = 2000;

    public override string Name => DialogName;

    public override MenuEntry MenuEntry { get; } =
        new("cmd:review", "menu.review", 3, ["duyệt", "xem xét", "review"], StaffRoles.UnitHead | StaffRoles.Council);

    protected override IReadOnlyList<DialogStep<ReviewSession>> Steps =>
    [
        new(List)
        {
            Ask = AskList,
            AnswerAsync = TakeListAsync,
        },
        new(Detail)
        {
            Ask = AskDetail,
            AnswerAsync = async (s, ct) => Match(s, DetailChoices(s.Turn))?.Value switch
            {
                Agree => await DecideAsync(s, s.Current!.ProposedClassification!, null, ct),
                Adjust => StepResult.GoTo(Level),
                BackToList => StepResult.GoTo(List),
                _ => StepResult.NotUnderstood,
            },
            Back = _ => List,
        },
        new(Level)
        {
            Ask = s => s.Turn.Send(new OutgoingMessage(s.Turn.T("review.level.ask", ("proposed", ReviewDesk.LabelOf(s.Form!, s.Current!.ProposedClassification))))
            {
                Choices = LevelChoices(s),
                PromptId = PromptId(s, Level),
            }),
            Answer = s =>
            {
                if (Match(s, LevelChoices(s)) is not { } picked) return StepResult.NotUnderstood;
                s.State.Level = picked.Value[LevelPrefix.Length..];
                return StepResult.GoTo(Reason);
            },
            Back = _ => Detail,
        },
        new(Reason)
        {
            Ask = s => s.Turn.Send(new OutgoingMessage(s.Turn.T("review.reason.ask", ("level", ReviewDesk.LabelOf(s.Form!, s.State.Level))))
            {
                PromptId = PromptId(s, Reason),
            }),
            AnswerAsync = async (s, ct) => IsReason(s.Turn)
                ? await DecideAsync(s, s.State.Level!, Truncate(s.Input.Trim()), ct)
                : StepResult.NotUnderstood,
            Back = _ => Level,
            Retry = s => s.Turn.T("review.reason.required"),
        },
    ];

    public override async Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        var s = new ReviewSession(turn, turn.DialogState<ReviewState>()) { Items = await desk.ListAsync(turn.Db, turn.Staff!, turn.Now, ct) };
        if (s.Items.Count == 0)
        {
            turn.Say(turn.T("review.none"));
            turn.EndDialog();
            return;
        }

        Remember(turn, s);
        GoTo(s, List);
    }

    protected override async Task<ReviewSession?> OpenAsync(TurnContext turn, CancellationToken ct)
    {
        var s = new ReviewSession(turn, turn.DialogState<ReviewState>());
        if (s.Step is List or "")
        {
            s.Items = await desk.ListAsync(turn.Db, turn.Staff!, turn.Now, ct);
            return s;
        }

        if (await OpenSubmissionAsync(s, s.State.AssessmentId, ct)) return s;
        // Gone or no longer the reviewer's (moved, re-submitted elsewhere): back to the list.
        turn.Say(turn.T("review.gone"));
        s.Items = await desk.ListAsync(turn.Db, turn.Staff!, turn.Now, ct);
        s.Step = List;
        return s;
    }

    private void AskList(ReviewSession s)
    {
        var turn = s.Turn;
        if (s.State.Page * PageSize >= s.Items.Count) s.State.Page = 0;
        var page = s.Items.Skip(s.State.Page * PageSize).Take(PageSize).ToList();
        var waiting = s.Items.Count(i => i.Confirmed is null);
        var lines = new List<string> { turn.T("review.list.title", ("waiting", waiting), ("total", s.Items.Count)) };
        var choices = new List<Choice>();
        foreach (var item in page)
        {
            var number = choices.Count + 1;
            var month = DisplayFormat.Month(item.Month);
            lines.Add(item.Confirmed is null
                ? turn.T("review.list.waiting", ("number", number), ("name", item.FullName), ("month", month), ("proposed", desk.Label(item.Proposed)))
                : turn.T("review.list.decided", ("number", number), ("name", item.FullName), ("month", month), ("level", desk.Label(item.Confirmed))));
            choices.Add(new Choice(PickPrefix + item.AssessmentId, item.FullName, number));
        }

        if ((s.State.Page + 1) * PageSize < s.Items.Count) choices.Add(new Choice(More, turn.T("review.more"), choices.Count + 1));
        turn.Send(new OutgoingMessage(string.Join('\n', lines))
        {
            Title = turn.T("review.title"),
            Choices = choices,
            PromptId = $"review:list:{s.State.Page}",
        });
    }

    private async Task<StepResult> TakeListAsync(ReviewSession s, CancellationToken ct)
    {
        var page = s.Items.Skip(s.State.Page * PageSize).Take(PageSize).ToList();
        var choices = page.Select((item, i) => new Choice(PickPrefix + item.AssessmentId, item.FullName, i + 1)).ToList();
        var hasMore = (s.State.Page + 1) * PageSize < s.Items.Count;
        if (hasMore) choices.Add(new Choice(More, s.Turn.T("review.more"), choices.Count + 1));
        var picked = Match(s, choices);
        if (picked?.Value == More)
        {
            s.State.Page++;
            return StepResult.GoTo(List);
        }

        if (picked is null || !long.TryParse(picked.Value[PickPrefix.Length..], out var id)) return StepResult.NotUnderstood;
        if (!await OpenSubmissionAsync(s, id, ct))
        {
            s.Turn.Say(s.Turn.T("review.gone"));
            s.Items = await desk.ListAsync(s.Turn.Db, s.Turn.Staff!, s.Turn.Now, ct);
            return StepResult.GoTo(List);
        }

        s.State.AssessmentId = id;
        return StepResult.GoTo(Detail);
    }

    private async Task<bool> OpenSubmissionAsync(ReviewSession s, long id, CancellationToken ct)
    {
        s.Current = await desk.OpenAsync(s.Turn.Db, s.Turn.Staff!, id, s.Turn.Now, ct);
        if (s.Current is null) return false;
        s.Form = await desk.FormAsync(s.Turn.Db, s.Current.Period!, ct);
        return true;
    }

    private static void AskDetail(ReviewSession s)
    {
        var turn = s.Turn;
        turn.Send(ReviewSummary.Build(turn, s.Current!, s.Form!) with
        {
            Choices = DetailChoices(turn),
            PromptId = PromptId(s, Detail),
        });
    }

    private async Task<StepResult> DecideAsync(ReviewSession s, string level, string? reason, CancellationToken ct)
    {
        var turn = s.Turn;
        var a = s.Current!;
        var outcome = await desk.DecideAsync(turn.Db, turn.Staff!, a, level, reason, turn.Now, ct);
        switch (outcome)
        {
            case ReviewOutcome.Done:
                turn.Say(turn.T(a.ReviewReason is null ? "review.done.confirmed" : "review.done.adjusted",
                    ("name", a.Staff!.FullName), ("level", ReviewDesk.LabelOf(s.Form!, level))));
                break;
            case ReviewOutcome.ReasonRequired:
                return StepResult.GoTo(Reason);
            case ReviewOutcome.WindowClosed:
                turn.Say(turn.T("review.windowClosed", ("month", DisplayFormat.Month(a.Period!.Month))));
                break;
            default:
                turn.Say(turn.T("review.gone"));
                break;
        }

        s.State.Level = null;
        s.Items = await desk.ListAsync(turn.Db, turn.Staff!, turn.Now, ct);
        if (s.Items.All(i => i.Confirmed is not null))
        {
            turn.Say(turn.T("review.allDone"));
            turn.EndDialog();
            return StepResult.Handled;
        }

        return StepResult.GoTo(List);
    }

    private static List<Choice> DetailChoices(TurnContext turn) =>
    [
        new(Agree, turn.T("review.agree"), 1),
        new(Adjust, turn.T("review.adjust"), 2),
        new(BackToList, turn.T("review.toList"), 3),
    ];

    private static List<Choice> LevelChoices(ReviewSession s) =>
        s.Form!.Catalogue.Classification.Levels
            .Where(l => l.Code != s.Current!.ProposedClassification)
            .Select((l, i) => new Choice(LevelPrefix + l.Code, l.Label, i + 1))
            .ToList();

    private static Choice? Match(ReviewSession s, IReadOnlyList<Choice> choices) => ChoiceMatcher.Match(s.Input, choices);

    // A reason is typed text, not a button or a number someone typed at the wrong prompt.
    private static bool IsReason(TurnContext turn) =>
        turn.Message.ChoiceValue is null && turn.Input is { } text && text.Trim().Length >= 3 && !int.TryParse(text.Trim(), out _);

    private static string Truncate(string text) => text.Length <= MaxReason ? text : text[..MaxReason];

    private static string PromptId(ReviewSession s, string step) => $"review:{s.State.AssessmentId}:{step}";
}
