using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// "Đánh giá tập thể": the unit head assesses the unit, monthly, on the catalogue's collective part (section II.2.1 of
/// the plan): opening → one item per turn (with "giống tháng trước" and "quay lại") → review → submit. Every answer is
/// stored as given and the step lives on the unit's row, so "để sau" and coming back (on any channel) resume where it
/// stopped. One row per unit and period; the last head's edit wins until the period closes. Script: Dialogs/danh-gia-tap-the.md.
/// </summary>
public sealed class CollectiveAssessmentDialog(PeriodService periods, CollectiveForms forms, CollectiveStore store) : StepDialog<CollectiveSession>
{
    public const string DialogName = "collective-assessment";

    private const string Intro = "intro", Item = "item", Review = "review", Edit = "edit", Done = "done";
    private const string Start = "start", SameAsLast = "same-as-last", Submit = "submit", Change = "change";

    public override string Name => DialogName;

    public override MenuEntry MenuEntry { get; } =
        new("cmd:collective", "menu.collective", 5, ["đánh giá tập thể", "tập thể", "collective assessment"], StaffRoles.UnitHead);

    protected override IReadOnlyList<DialogStep<CollectiveSession>> Steps =>
    [
        new(Intro)
        {
            Ask = AskIntro,
            Answer = s => Match(s, IntroChoices(s.Turn)) is { Value: Start } ? ToItem(s, FirstUnanswered(s)) : StepResult.NotUnderstood,
        },
        new(Item)
        {
            Ask = AskItem,
            Answer = TakeItem,
            Back = s =>
            {
                if (s.Assessment.ReturnToReview) return Review;
                if (s.Assessment.Cursor == 0) return Intro;
                s.Assessment.Cursor--;
                return Item;
            },
            Retry = s => s.Turn.T("miss.retry") + "\n" + ChoicesHint(s.Turn, ItemChoices(s)),
        },
        new(Review)
        {
            Ask = AskReview,
            Answer = s => Match(s, ReviewChoices(s.Turn))?.Value switch
            {
                Submit => SubmitAssessment(s),
                Change => StepResult.GoTo(Edit),
                _ => StepResult.NotUnderstood,
            },
            Back = s =>
            {
                s.Assessment.Cursor = s.Form.Questions.Count - 1;
                return Item;
            },
        },
        new(Edit)
        {
            Ask = s => s.Turn.Send(new OutgoingMessage(s.Turn.T("collective.edit.ask", ("count", s.Form.Questions.Count))) { PromptId = PromptId(s, Edit) }),
            Answer = s =>
            {
                if (!int.TryParse(TextNormalizer.Fold(s.Input), out var n) || n < 1 || n > s.Form.Questions.Count) return StepResult.NotUnderstood;
                s.Assessment.ReturnToReview = true;
                return ToItem(s, n - 1);
            },
            Back = _ => Review,
            Retry = s => s.Turn.T("collective.edit.ask", ("count", s.Form.Questions.Count)),
        },
        new(Done)
        {
            // Submitted: a head may reopen the review and change answers until the period closes.
            Ask = AskSubmitted,
            Answer = s => Match(s, SubmittedChoices(s.Turn)) is { Value: Change } ? StepResult.GoTo(Review) : StepResult.NotUnderstood,
        },
    ];

    public override async Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        var open = await periods.FindAllOpenAsync(turn.Db, ct);
        var period = open.Count > 0 ? open[^1] : null;
        var form = period is null ? null : await forms.FormForAsync(turn.Db, period, ct);
        if (period is null || form is null)
        {
            turn.Say(turn.T(period is null ? "collective.noPeriod" : "collective.noCatalogue"));
            turn.EndDialog();
            return;
        }

        var a = await store.LoadOrCreateAsync(turn.Db, turn.Staff!.UnitId, period, turn.Now, ct);
        turn.DialogState<CollectiveState>().UnitAssessmentId = a.Id;
        var s = await SessionAsync(turn, a, period, form, ct);
        if (a.Status == AssessmentStatus.Submitted) a.Step = Done;
        if (a.Step is not (Intro or Done))
        {
            turn.Say(turn.T("collective.resume", ("month", DisplayFormat.Month(period.Month)), ("answered", a.Answers.Count), ("count", form.Questions.Count)));
        }

        Ask(s);
    }

    public override async Task PauseAsync(TurnContext turn, CancellationToken ct)
    {
        if (turn.DialogState<CollectiveState>().UnitAssessmentId is not { } id) return;
        var a = await store.FindAsync(turn.Db, id, turn.Staff!.UnitId, ct);
        if (a?.Period is null || a.Status == AssessmentStatus.Submitted || await forms.FormForAsync(turn.Db, a.Period, ct) is not { } form) return;
        turn.Say(turn.T("collective.paused", ("answered", a.Answers.Count), ("count", form.Questions.Count)));
    }

    protected override async Task<CollectiveSession?> OpenAsync(TurnContext turn, CancellationToken ct)
    {
        var a = turn.DialogState<CollectiveState>().UnitAssessmentId is { } id ? await store.FindAsync(turn.Db, id, turn.Staff!.UnitId, ct) : null;
        var form = a?.Period is null ? null : await forms.FormForAsync(turn.Db, a.Period, ct);
        if (a?.Period is null || form is null)
        {
            turn.ReplaceDialog(Name);
            return null;
        }

        if (!a.Period.IsOpenAt(turn.Now))
        {
            turn.EndDialog();
            turn.Say(turn.T("collective.closed", ("month", DisplayFormat.Month(a.Period.Month))));
            return null;
        }

        return await SessionAsync(turn, a, a.Period, form, ct);
    }

    private async Task<CollectiveSession> SessionAsync(TurnContext turn, UnitAssessment a, Period period, AssessmentForm form, CancellationToken ct)
    {
        var unit = await turn.Db.Units.AsNoTracking().SingleAsync(u => u.Id == a.UnitId, ct);
        var lastMonth = await store.LastMonthAsync(turn.Db, a.UnitId, period.Month, ct);
        var session = new CollectiveSession(turn, a, unit, period, form, lastMonth);
        Remember(turn, session);
        return session;
    }

    private void AskIntro(CollectiveSession s)
    {
        var month = DisplayFormat.Month(s.Period.Month);
        s.Turn.Send(new OutgoingMessage(s.Turn.T("collective.intro", ("unit", s.Unit.Name), ("month", month), ("count", s.Form.Questions.Count),
            ("groups", s.Form.Groups.Count), ("deadline", Deadline(s))))
        {
            Title = s.Turn.T("collective.title", ("unit", s.Unit.Name), ("month", month)),
            Choices = IntroChoices(s.Turn),
            PromptId = PromptId(s, Intro),
        });
    }

    private static void AskItem(CollectiveSession s)
    {
        var q = s.Question;
        var header = s.Turn.T("assess.item.header", ("number", q.Index + 1), ("count", s.Form.Questions.Count), ("group", $"{q.Group.Letter}) {q.Group.Title}"));
        var hint = q.Item.Hint is { } h ? "\n" + s.Turn.T("assess.item.hint", ("hint", h)) : "";
        var choices = ItemChoices(s);
        s.Turn.Send(new OutgoingMessage($"{header}\n{q.Item.Text}{hint}")
        {
            Title = header,
            Choices = choices,
            PromptId = PromptId(s, $"{Item}:{q.Item.Code}"),
            ChoicesHint = ChoicesHint(s.Turn, choices),
        });
    }

    private static StepResult TakeItem(CollectiveSession s)
    {
        var a = s.Assessment;
        var q = s.Question;
        switch (Match(s, ItemChoices(s))?.Value)
        {
            case null:
                return StepResult.NotUnderstood;
            case SameAsLast:
                var copied = 0;
                foreach (var question in s.Form.Questions)
                {
                    if (s.LastMonth.TryGetValue(question.Item.Code, out var last) && question.Scale.Choices.FirstOrDefault(c => c.Code == last) is { } choice)
                    {
                        a.Record(question, choice, s.Turn.Staff!.Code, s.Turn.Now);
                        copied++;
                    }
                }

                s.Turn.Say(s.Turn.T("collective.sameAsLast.done", ("count", copied)));
                return copied < s.Form.Questions.Count ? ToItem(s, FirstUnanswered(s)) : StepResult.GoTo(Review);
            case var code:
                a.Record(q, q.Scale.Choices.First(c => c.Code == code), s.Turn.Staff!.Code, s.Turn.Now);
                if (a.ReturnToReview || q.Index == s.Form.Questions.Count - 1) return StepResult.GoTo(Review);
                return ToItem(s, q.Index + 1);
        }
    }

    private static void AskReview(CollectiveSession s)
    {
        var turn = s.Turn;
        var score = s.Assessment.Score(s.Form);
        var title = turn.T("collective.review.title", ("unit", s.Unit.Name), ("month", DisplayFormat.Month(s.Period.Month)));
        var facts = new List<KeyValuePair<string, string>>
        {
            new(turn.T("assess.review.answered"), $"{s.Assessment.Answers.Count}/{s.Form.Questions.Count}"),
            new(turn.T("assess.review.total"), $"{score.Total}/{score.Max} ({DisplayFormat.Percent(score.Percent, turn.Language)}%)"),
        };
        var lines = new List<string> { title };
        lines.AddRange(facts.Select(f => $"• {f.Key}: {f.Value}"));
        if (score.NotDone.Count > 0)
        {
            lines.Add(turn.T("assess.review.notDone"));
            lines.AddRange(score.NotDone.Select(q => $"  {q.Index + 1}. {PlainText.Cut(q.Item.Text, 90)}"));
        }

        var missing = s.Form.Questions.Count - s.Assessment.Answers.Count;
        if (missing > 0) lines.Add(turn.T("assess.review.missing", ("missing", missing)));
        lines.Add(turn.T("assess.review.ask"));
        turn.Send(new OutgoingMessage(string.Join('\n', lines)) { Title = title, Facts = facts, Choices = ReviewChoices(turn), PromptId = PromptId(s, Review) });
    }

    private StepResult SubmitAssessment(CollectiveSession s)
    {
        var turn = s.Turn;
        var score = s.Assessment.Submit(s.Form, turn.Staff!.Code, turn.Now);
        CollectiveStore.Audit(turn.Db, turn.Staff.Code, s.Unit.Code, s.Period.Month, turn.Now);
        s.Step = Done;
        turn.EndDialog();
        turn.Say(turn.T("collective.submitted", ("unit", s.Unit.Name), ("month", DisplayFormat.Month(s.Period.Month)),
            ("total", score.Total), ("max", score.Max), ("percent", DisplayFormat.Percent(score.Percent, turn.Language)), ("deadline", Deadline(s))));
        return StepResult.Handled;
    }

    private void AskSubmitted(CollectiveSession s)
    {
        var a = s.Assessment;
        s.Turn.Send(new OutgoingMessage(s.Turn.T("collective.submitted.already", ("unit", s.Unit.Name), ("month", DisplayFormat.Month(s.Period.Month)),
            ("total", a.TotalPoints), ("max", a.MaxPoints), ("by", a.UpdatedBy), ("deadline", Deadline(s))))
        {
            Choices = SubmittedChoices(s.Turn),
            PromptId = PromptId(s, Done),
        });
    }

    private static StepResult ToItem(CollectiveSession s, int index)
    {
        s.Assessment.Cursor = index;
        return StepResult.GoTo(Item);
    }

    private static int FirstUnanswered(CollectiveSession s)
    {
        var answered = s.Assessment.Answers.Select(x => x.ItemCode).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return s.Form.Questions.FirstOrDefault(q => !answered.Contains(q.Item.Code))?.Index ?? 0;
    }

    private static List<Choice> ItemChoices(CollectiveSession s)
    {
        var q = s.Question;
        var choices = q.Scale.Choices.Select(c => new Choice(c.Code, c.LabelIn(s.Turn.Language), q.Scale.NumberOf(c), c.AllWords())).ToList();
        if (q.Index == 0 && !s.Assessment.ReturnToReview && s.LastMonth.Count > 0)
        {
            choices.Add(new Choice(SameAsLast, s.Turn.T("assess.sameAsLast"), Aliases: ["giong thang truoc", "nhu thang truoc", "same"]));
        }

        if (q.Index > 0 || s.Assessment.ReturnToReview) choices.Add(new Choice("cmd:back", s.Turn.T("assess.back")));
        return choices;
    }

    private static List<Choice> IntroChoices(TurnContext turn) =>
        [new Choice(Start, turn.T("assess.start"), 1), new Choice("cmd:pause", turn.T("assess.later"), 2)];

    private static List<Choice> ReviewChoices(TurnContext turn) =>
        [new Choice(Submit, turn.T("assess.submit"), 1), new Choice(Change, turn.T("assess.change"), 2)];

    private static List<Choice> SubmittedChoices(TurnContext turn) =>
        [new Choice(Change, turn.T("assess.submitted.change"), 1), new Choice(MainMenu.HelpCommand, turn.T("menu.help"), 2)];

    private static string ChoicesHint(TurnContext turn, IEnumerable<Choice> choices) =>
        turn.T("assess.item.typeHint", ("choices", string.Join(", ", choices.Where(c => c.Number is not null).Select(c => $"{c.Number} = {c.Label}"))));

    private static Choice? Match(CollectiveSession s, IReadOnlyList<Choice> choices) => ChoiceMatcher.Match(s.Input, choices);

    private static string PromptId(CollectiveSession s, string step) => $"u{s.Assessment.Id}:{step}:{s.Assessment.Cursor}";

    private string Deadline(CollectiveSession s) =>
        DisplayFormat.Date(s.Turn.Local(s.Period.ClosesAt.AddSeconds(-1), periods.Options.TimeZone));
}
