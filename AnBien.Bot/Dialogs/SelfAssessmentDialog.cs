using AnBien.Bot.Assessment;
using AnBien.Bot.Campaigns;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Humanizer;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// The monthly self-assessment: opening → one item per turn (group by group, with "giống tháng trước" and an optional
/// note after each group) → an optional good deed → review → submit → receipt. Every answer is stored as it is given,
/// and the step lives on the assessment row, so any channel resumes at the same place. Script: Dialogs/tu-danh-gia.md.
/// </summary>
public sealed class SelfAssessmentDialog(PeriodService periods, CatalogueRegistry catalogues, PreviousAnswers previous, AssessmentStore store)
    : StepDialog<SelfAssessmentSession>
{
    public const string DialogName = "self-assessment";

    private const string Intro = "intro", Item = "item", Note = "note", NoteText = "note-text", NoteConfirm = "note-confirm", CampaignStep = "campaign", GoodDeed = "gooddeed",
        Review = "review", Edit = "edit", Done = "done";
    private const string SameAsLast = "same-as-last", Start = "start", Continue = "continue", AddNote = "add-note", Skip = "skip",
        Submit = "submit", Change = "change", Yes = "yes", No = "no";

    // What people type to have the current item explained, compared folded (see TextNormalizer).
    private static readonly HashSet<string> ExplainWords = new(StringComparer.Ordinal)
    {
        "giai thich", "la gi", "nghia la gi", "cau nay la gi", "giai thich cau nay", "explain", "what is this", "what does this mean",
    };

    private const int MaxText = 2000;

    public override string Name => DialogName;

    public override MenuEntry MenuEntry { get; } =
        new("cmd:assess", "menu.assess", 1, ["tự đánh giá", "đánh giá", "self assessment"], ContinueLabelKey: "menu.continue");

    protected override IReadOnlyList<DialogStep<SelfAssessmentSession>> Steps =>
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
                // Going back over a group boundary lands on that group's note question, which is one step back.
                return s.Question.IsLastInGroup ? Note : Item;
            },
            Retry = s => s.Turn.T(s.Question.Item.Breach ? "assess.item.breach.retry" : "miss.retry") + "\n" + ChoicesHint(s, ItemChoices(s)),
        },
        new(Note)
        {
            Ask = AskNote,
            AnswerAsync = async (s, ct) => (Match(s, NoteChoices(s.Turn))?.Value, Match(s, [SkipChoice(s.Turn)])) switch
            {
                (AddNote, _) => StepResult.GoTo(NoteText),
                (Continue, _) or (_, not null) => NextGroup(s),
                _ when LooksLikeAnswer(s) => HoldNote(s),
                _ when IsFreeText(s.Input) => await SaveNoteAsync(s, s.Input, ct),
                _ => StepResult.NotUnderstood,
            },
            Back = _ => Item,
        },
        new(NoteText)
        {
            Ask = s => s.Turn.Send(new OutgoingMessage(s.Turn.T("assess.note.enter", ("group", GroupLabel(s.Question.Group))))
            {
                PromptId = PromptId(s, NoteText),
                Choices = [SkipChoice(s.Turn)],
            }),
            AnswerAsync = async (s, ct) =>
                Match(s, [SkipChoice(s.Turn)]) is not null ? NextGroup(s)
                : IsFreeText(s.Input) ? await SaveNoteAsync(s, s.Input, ct)
                : StepResult.NotUnderstood,
            Back = _ => Note,
        },
        new(NoteConfirm)
        {
            // A late answer to the group's last item ("KXR") typed at the note prompt: saved as a note only when the
            // person says so; "Sửa câu trước" ("quay lại") goes back to the item.
            Ask = s => s.Turn.Send(new OutgoingMessage(s.Turn.T("assess.note.confirm", ("text", Pending(s)), ("number", s.Question.Index + 1)))
            {
                PromptId = PromptId(s, NoteConfirm),
                Choices = NoteConfirmChoices(s.Turn),
            }),
            AnswerAsync = async (s, ct) => Match(s, NoteConfirmChoices(s.Turn))?.Value switch
            {
                Yes => await SaveNoteAsync(s, Pending(s), ct),
                No => StepResult.GoTo(Note),
                _ => StepResult.NotUnderstood,
            },
            Back = _ => Item,
        },
        new(CampaignStep)
        {
            // The period's campaign questions (docs/campaigns.md), one per turn after the plan's items; the cursor
            // counts campaign questions here. Their answers are kept apart and never scored.
            Ask = AskCampaign,
            Answer = TakeCampaign,
            Back = s =>
            {
                if (s.Assessment.ReturnToReview) return Review;
                if (s.Assessment.Cursor == 0)
                {
                    s.Assessment.Cursor = s.Form.Questions.Count - 1;
                    return Note;
                }

                s.Assessment.Cursor--;
                return CampaignStep;
            },
            Retry = s => s.Turn.T("miss.retry") + "\n" + TypeHint(s.Turn, CampaignChoices(s)),
        },
        new(GoodDeed)
        {
            Ask = s => s.Turn.Send(new OutgoingMessage(s.Turn.T("assess.goodDeed.ask"))
            {
                Choices = [SkipChoice(s.Turn)],
                PromptId = PromptId(s, GoodDeed),
            }),
            Answer = TakeGoodDeed,
            Back = s =>
            {
                if (s.CampaignItems.Count > 0)
                {
                    s.Assessment.Cursor = s.CampaignItems.Count - 1;
                    return CampaignStep;
                }

                s.Assessment.Cursor = s.Form.Questions.Count - 1;
                return Note;
            },
        },
        new(Review)
        {
            Ask = s => s.Turn.Send(SelfAssessmentReview.Build(s, ReviewChoices(s.Turn), PromptId(s, Review))),
            Answer = s => Match(s, ReviewChoices(s.Turn))?.Value switch
            {
                Submit => SubmitAssessment(s),
                Change => StepResult.GoTo(Edit),
                _ => StepResult.NotUnderstood,
            },
            Back = _ => GoodDeed,
        },
        new(Edit)
        {
            Ask = s => s.Turn.Send(new OutgoingMessage(s.Turn.T("assess.edit.ask", ("count", EditableCount(s)))) { PromptId = PromptId(s, Edit) }),
            Answer = s =>
            {
                if (!int.TryParse(TextNormalizer.Fold(s.Input), out var n) || n < 1 || n > EditableCount(s)) return StepResult.NotUnderstood;
                s.Assessment.ReturnToReview = true;
                if (n <= s.Form.Questions.Count) return ToItem(s, n - 1);
                s.Assessment.Cursor = n - s.Form.Questions.Count - 1;
                return StepResult.GoTo(CampaignStep);
            },
            Back = _ => Review,
            Retry = s => s.Turn.T("assess.edit.invalid", ("count", EditableCount(s))),
        },
        new(Done)
        {
            // Submitted: the person may reopen the review to change answers until the period closes.
            Ask = AskSubmitted,
            Answer = s => Match(s, SubmittedChoices(s.Turn)) is { Value: Change } ? StepResult.GoTo(Review) : StepResult.NotUnderstood,
        },
    ];

    /// <summary>Options: the id of the period to assess (after <see cref="AssessmentMonthDialog"/>); none to pick it here.</summary>
    public override async Task BeginAsync(TurnContext turn, object? options, CancellationToken ct)
    {
        var open = await periods.FindAllOpenAsync(turn.Db, ct);
        var period = options is int periodId ? open.FirstOrDefault(p => p.Id == periodId) : await PeriodToAssessAsync(turn, open, ct);
        if (period is null)
        {
            if (open.Count > 1 && options is null)
            {
                turn.ReplaceDialog(AssessmentMonthDialog.DialogName, open);
                return;
            }

            await SayNoOpenPeriodAsync(turn, ct);
            turn.EndDialog();
            return;
        }

        var a = await store.LoadOrCreateAsync(turn.Db, turn.Staff!, period, turn.Now, ct);
        turn.DialogState<SelfAssessmentState>().AssessmentId = a.Id;
        var s = await SessionAsync(turn, a, period, ct);
        if (a.Status == AssessmentStatus.Submitted) a.Step = Done;
        if (a.Step is not (Intro or Done))
        {
            turn.Say(turn.T("assess.resume", ("month", DisplayFormat.Month(period.Month)), ("answered", a.Answers.Count),
                ("count", s.Form.Questions.Count)));
        }

        Ask(s);
    }

    /// <summary>
    /// The month to assess: the one with an assessment under way first (a person at 33/36 in November finishes November
    /// even after December opens), else the only open month; null when none or several are open.
    /// </summary>
    private async Task<Period?> PeriodToAssessAsync(TurnContext turn, IReadOnlyList<Period> open, CancellationToken ct)
    {
        if (await store.FindUnfinishedAsync(turn.Db, turn.Staff!.Id, Intro, turn.Now, ct) is { } id
            && await store.FindAsync(turn.Db, id, turn.Staff.Id, ct) is { Period: { } underway })
        {
            return underway;
        }

        return open.Count == 1 ? open[0] : null;
    }

    public override async Task PauseAsync(TurnContext turn, CancellationToken ct)
    {
        if (turn.DialogState<SelfAssessmentState>().AssessmentId is not { } id) return;
        var a = await store.FindAsync(turn.Db, id, turn.Staff!.Id, ct);
        if (a?.Period is null || a.Status == AssessmentStatus.Submitted) return;
        var form = (await catalogues.FormForAsync(turn.Db, a, ct)).For(turn.Staff.Roles);
        turn.Say(turn.T("assess.paused", ("answered", a.Answers.Count), ("count", form.Questions.Count), ("deadline", Deadline(turn, a.Period))));
    }

    public override async Task<bool> HasWorkToResumeAsync(TurnContext turn, CancellationToken ct) =>
        turn.Staff is { } staff && await store.FindUnfinishedAsync(turn.Db, staff.Id, Intro, turn.Now, ct) is not null;

    protected override async Task<SelfAssessmentSession?> OpenAsync(TurnContext turn, CancellationToken ct)
    {
        var state = turn.DialogState<SelfAssessmentState>();
        var a = state.AssessmentId is { } id ? await store.FindAsync(turn.Db, id, turn.Staff!.Id, ct) : null;
        if (a?.Period is null)
        {
            turn.ReplaceDialog(Name);
            return null;
        }

        if (!a.Period.IsOpenAt(turn.Now))
        {
            turn.EndDialog();
            turn.Say(turn.T("assess.closed", ("month", DisplayFormat.Month(a.Period.Month)),
                ("at", DisplayFormat.DateTime(turn.Local(a.Period.ClosedAt ?? a.Period.ClosesAt, periods.Options.TimeZone)))));
            return null;
        }

        return await SessionAsync(turn, a, a.Period, ct);
    }

    private async Task<SelfAssessmentSession> SessionAsync(TurnContext turn, Storage.Assessment a, Period period, CancellationToken ct)
    {
        var form = (await catalogues.FormForAsync(turn.Db, a, ct)).For(turn.Staff!.Roles);
        var lastMonth = await previous.ForAsync(turn.Db, a.StaffId, period.Month, ct);
        var campaigns = await CampaignStore.OfPeriodAsync(turn.Db, period, ct);
        var session = new SelfAssessmentSession(turn, a, period, form, lastMonth)
        {
            CampaignItems = [.. campaigns.SelectMany(c => c.Questions.Select(q => new CampaignItem(c.Name, q, q.Scale())))],
            CampaignAnswers = campaigns.Count == 0 ? [] : await CampaignStore.AnswersAsync(turn.Db, a.Id, ct),
        };
        Remember(turn, session);
        return session;
    }

    private void AskIntro(SelfAssessmentSession s)
    {
        var turn = s.Turn;
        var count = s.Form.Questions.Count;
        var extra = s.CampaignItems.Count;
        var month = DisplayFormat.Month(s.Period.Month);
        var intro = turn.T("assess.intro",
            ("month", month),
            ("count", count),
            ("groups", s.Form.Groups.Count),
            ("minutes", Math.Max(2, (int)Math.Ceiling((count + extra) * 8 / 60.0))),
            ("deadline", Deadline(turn, s.Period)),
            ("left", TimeLeft(turn, s.Period)));
        // The campaign's questions come after the plan's items; people should know they are there, and unscored.
        if (extra > 0) intro += "\n" + turn.T("assess.intro.campaign", ("extra", extra));
        turn.Send(new OutgoingMessage(intro)
        {
            Title = turn.T("assess.title", ("month", month)),
            Choices = IntroChoices(turn),
            PromptId = PromptId(s, Intro),
        });
    }

    private static void AskItem(SelfAssessmentSession s)
    {
        var turn = s.Turn;
        var q = s.Question;
        var header = turn.T("assess.item.header", ("number", q.Index + 1), ("count", s.Form.Questions.Count), ("group", GroupLabel(q.Group)));
        var body = q.Item.Breach ? turn.T("assess.item.breach", ("text", q.Item.Text)) : q.Item.Text;
        var hint = q.Item.Hint is { } h ? "\n" + turn.T("assess.item.hint", ("hint", h)) : "";
        var choices = ItemChoices(s);
        turn.Send(new OutgoingMessage($"{header}\n{body}{hint}")
        {
            Title = header,
            Choices = choices,
            PromptId = PromptId(s, $"{Item}:{q.Item.Code}"),
            ChoicesHint = ChoicesHint(s, choices),
        });
    }

    private static StepResult TakeItem(SelfAssessmentSession s)
    {
        var a = s.Assessment;
        var question = s.Question;
        if (ExplainWords.Contains(TextNormalizer.Fold(s.Input)))
        {
            ExplainItem(s);
            return StepResult.GoTo(Item);
        }

        switch (Match(s, ItemChoices(s))?.Value)
        {
            case null:
                return StepResult.NotUnderstood;
            case SameAsLast:
                var copied = CopyGroupFromLastMonth(s, question.GroupIndex);
                s.Turn.Say(s.Turn.T("assess.sameAsLast.done", ("count", copied), ("group", GroupLabel(question.Group))));
                a.Cursor = s.Form.LastOfGroup(question.GroupIndex).Index;
                return StepResult.GoTo(a.ReturnToReview ? Review : Note);
            case var code:
                a.Record(s.Form, question, question.Scale.Choices.First(c => c.Code == code), s.Turn.Now);
                if (a.ReturnToReview) return StepResult.GoTo(Review);
                if (question.IsLastInGroup) return StepResult.GoTo(Note);
                a.Cursor++;
                return StepResult.GoTo(Item);
        }
    }

    /// <summary>"Giải thích": the criterion in the plan's full wording, with its hint; the item is asked again after.</summary>
    private static void ExplainItem(SelfAssessmentSession s)
    {
        var item = s.Question.Item;
        var hint = item.Hint is { } h ? "\n" + s.Turn.T("assess.item.hint", ("hint", h)) : "";
        s.Turn.Say(s.Turn.T("assess.item.explain", ("group", GroupLabel(s.Question.Group)), ("text", item.Explanation ?? item.Text)) + hint);
    }

    private static void AskNote(SelfAssessmentSession s)
    {
        var q = s.Question;
        var inGroup = s.Assessment.Answers.Count(x => s.Form.ByCode.TryGetValue(x.ItemCode, out var fq) && fq.GroupIndex == q.GroupIndex);
        s.Turn.Send(new OutgoingMessage(s.Turn.T("assess.note.ask", ("group", GroupLabel(q.Group)), ("answered", inGroup), ("count", q.Group.Items.Count)))
        {
            Choices = NoteChoices(s.Turn),
            PromptId = PromptId(s, $"{Note}:{q.Group.Code}"),
        });
    }

    private async Task<StepResult> SaveNoteAsync(SelfAssessmentSession s, string text, CancellationToken ct)
    {
        s.Turn.DialogState<SelfAssessmentState>().PendingNote = null;
        await store.SaveNoteAsync(s.Turn.Db, s.Assessment, s.Question.Group.Code, Truncate(text.Trim()), s.Turn.Now, ct);
        s.Turn.Say(s.Turn.T("assess.note.saved"));
        return NextGroup(s);
    }

    /// <summary>A note that reads like an answer to the group's last item ("KXR", "thường xuyên") waits for a yes.</summary>
    private static StepResult HoldNote(SelfAssessmentSession s)
    {
        s.Turn.DialogState<SelfAssessmentState>().PendingNote = Truncate(s.Input.Trim());
        return StepResult.GoTo(NoteConfirm);
    }

    private static bool LooksLikeAnswer(SelfAssessmentSession s) =>
        ChoiceMatcher.Match(s.Input, s.Question.Scale.Choices.Select(c => new Choice(c.Code, c.Label, null, c.AllWords())).ToList()) is not null;

    private static string Pending(SelfAssessmentSession s) => s.Turn.DialogState<SelfAssessmentState>().PendingNote ?? s.Input;

    private static StepResult NextGroup(SelfAssessmentSession s)
    {
        var nextGroup = s.Question.GroupIndex + 1;
        if (nextGroup < s.Form.Groups.Count) return ToItem(s, s.Form.FirstOfGroup(nextGroup).Index);
        if (s.CampaignItems.Count == 0) return StepResult.GoTo(GoodDeed);
        s.Assessment.Cursor = 0;
        return StepResult.GoTo(CampaignStep);
    }

    private static void AskCampaign(SelfAssessmentSession s)
    {
        var turn = s.Turn;
        var item = s.CampaignItem;
        var header = turn.T("assess.campaign.header", ("name", item.CampaignName));
        var body = turn.T("assess.campaign.question", ("number", s.Assessment.Cursor + 1), ("count", s.CampaignItems.Count), ("text", item.Question.Text));
        var choices = CampaignChoices(s);
        turn.Send(new OutgoingMessage($"{header}\n{body}")
        {
            Title = header,
            Choices = choices,
            PromptId = PromptId(s, $"{CampaignStep}:{item.Question.Id}"),
            ChoicesHint = TypeHint(s.Turn, choices),
        });
    }

    private static StepResult TakeCampaign(SelfAssessmentSession s)
    {
        if (Match(s, CampaignChoices(s))?.Value is not { } code) return StepResult.NotUnderstood;
        var a = s.Assessment;
        var question = s.CampaignItem.Question;
        if (s.CampaignAnswers.FirstOrDefault(x => x.QuestionId == question.Id) is { } known)
        {
            known.ChoiceCode = code;
            known.AnsweredAt = s.Turn.Now;
        }
        else
        {
            var answer = new CampaignAnswer { AssessmentId = a.Id, QuestionId = question.Id, ChoiceCode = code, AnsweredAt = s.Turn.Now };
            s.Turn.Db.CampaignAnswers.Add(answer);
            s.CampaignAnswers.Add(answer);
        }

        a.UpdatedAt = s.Turn.Now;
        if (a.ReturnToReview) return StepResult.GoTo(Review);
        if (a.Cursor < s.CampaignItems.Count - 1)
        {
            a.Cursor++;
            return StepResult.GoTo(CampaignStep);
        }

        return StepResult.GoTo(GoodDeed);
    }

    /// <summary>The campaign question's choices, typed as numbers or words without diacritics like the plan's items.</summary>
    private static List<Choice> CampaignChoices(SelfAssessmentSession s)
    {
        var scale = s.CampaignItem.Scale;
        return
        [
            .. scale.Choices.Select(c => new Choice(c.Code, c.LabelIn(s.Turn.Language), scale.NumberOf(c), c.AllWords())),
            new Choice("cmd:back", s.Turn.T("assess.back")),
        ];
    }

    private static int EditableCount(SelfAssessmentSession s) => s.Form.Questions.Count + s.CampaignItems.Count;

    private static StepResult TakeGoodDeed(SelfAssessmentSession s)
    {
        if (Match(s, [SkipChoice(s.Turn)]) is null)
        {
            if (!IsFreeText(s.Input)) return StepResult.NotUnderstood;
            s.Assessment.GoodDeed = Truncate(s.Input.Trim());
            s.Turn.Say(s.Turn.T("assess.goodDeed.saved"));
        }

        return StepResult.GoTo(Review);
    }

    private StepResult SubmitAssessment(SelfAssessmentSession s)
    {
        var turn = s.Turn;
        var firstTime = s.Assessment.SubmittedAt is null;
        var score = s.Assessment.Submit(s.Form, turn.Now);
        s.Step = Done;
        turn.EndDialog();
        turn.Say(turn.T(firstTime ? "assess.submitted" : "assess.resubmitted",
            ("month", DisplayFormat.Month(s.Period.Month)),
            ("at", DisplayFormat.DateTime(turn.Local(turn.Now, periods.Options.TimeZone))),
            ("total", score.Total), ("max", score.Max),
            ("percent", DisplayFormat.Percent(score.Percent, turn.Language)),
            ("proposed", score.Proposed?.Label ?? turn.T("assess.proposed.afterTasks")),
            ("deadline", Deadline(turn, s.Period))));
        return StepResult.Handled;
    }

    private void AskSubmitted(SelfAssessmentSession s)
    {
        var turn = s.Turn;
        var a = s.Assessment;
        var proposed = a.ProposedClassification is { } code
            ? s.Form.Catalogue.Classification.Levels.FirstOrDefault(l => l.Code == code)?.Label ?? code
            : "—";
        turn.Send(new OutgoingMessage(turn.T("assess.submitted.already",
            ("month", DisplayFormat.Month(s.Period.Month)),
            ("at", DisplayFormat.DateTime(turn.Local(a.SubmittedAt ?? a.UpdatedAt, periods.Options.TimeZone))),
            ("total", a.TotalPoints), ("max", a.MaxPoints), ("proposed", proposed),
            ("deadline", Deadline(turn, s.Period))))
        {
            Choices = SubmittedChoices(turn),
            PromptId = PromptId(s, Done),
        });
    }

    private static int CopyGroupFromLastMonth(SelfAssessmentSession s, int groupIndex)
    {
        var copied = 0;
        foreach (var q in s.Form.Questions.Where(q => q.GroupIndex == groupIndex))
        {
            if (s.LastMonth.TryGetValue(q.Item.Code, out var code) && q.Scale.Choices.FirstOrDefault(c => c.Code == code) is { } choice)
            {
                s.Assessment.Record(s.Form, q, choice, s.Turn.Now);
                copied++;
            }
        }

        return copied;
    }

    private async Task SayNoOpenPeriodAsync(TurnContext turn, CancellationToken ct)
    {
        var next = PeriodWindow.NextOpening(turn.Now, periods.Options);
        var closed = await periods.FindLastClosedAsync(turn.Db, ct);
        var nextText = DisplayFormat.Date(turn.Local(next, periods.Options.TimeZone));
        turn.Say(closed is not null
            ? turn.T("assess.noPeriod.closed", ("month", DisplayFormat.Month(closed.Month)), ("next", nextText))
            : turn.T("assess.noPeriod", ("next", nextText)));
    }

    private static StepResult ToItem(SelfAssessmentSession s, int index)
    {
        s.Assessment.Cursor = index;
        return StepResult.GoTo(Item);
    }

    private static int FirstUnanswered(SelfAssessmentSession s)
    {
        var answered = s.Assessment.Answers.Select(x => x.ItemCode).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return s.Form.Questions.FirstOrDefault(q => !answered.Contains(q.Item.Code))?.Index ?? 0;
    }

    private static List<Choice> IntroChoices(TurnContext turn) =>
        [new Choice(Start, turn.T("assess.start"), 1), new Choice("cmd:pause", turn.T("assess.later"), 2)];

    private static List<Choice> NoteChoices(TurnContext turn) =>
        [new Choice(Continue, turn.T("assess.note.continue"), 1), new Choice(AddNote, turn.T("assess.note.add"), 2)];

    private static List<Choice> NoteConfirmChoices(TurnContext turn) =>
    [
        new Choice(Yes, turn.T("assess.note.confirm.yes"), Aliases: ["co", "yes", "luu", "save"]),
        new Choice(No, turn.T("assess.note.confirm.no"), Aliases: ["khong", "ko", "no"]),
        new Choice("cmd:back", turn.T("assess.note.confirm.back")),
    ];

    private static Choice SkipChoice(TurnContext turn) => new(Skip, turn.T("assess.skip"));

    private static List<Choice> ReviewChoices(TurnContext turn) =>
        [new Choice(Submit, turn.T("assess.submit"), 1), new Choice(Change, turn.T("assess.change"), 2)];

    private static List<Choice> SubmittedChoices(TurnContext turn) =>
        [new Choice(Change, turn.T("assess.submitted.change"), 1), new Choice(MainMenu.HelpCommand, turn.T("menu.help"), 2)];

    /// <summary>
    /// The answers to the current item. A breach item takes no numbers: "2" all the way through would otherwise declare
    /// breaches ("Có xảy ra") without anyone reading the question; it is answered "Có" or "Không" (button or words).
    /// </summary>
    private static List<Choice> ItemChoices(SelfAssessmentSession s)
    {
        var q = s.Question;
        var choices = q.Scale.Choices
            .Select(c => new Choice(c.Code, c.LabelIn(s.Turn.Language), q.Item.Breach ? null : q.Scale.NumberOf(c), c.AllWords()))
            .ToList();
        if (q.IsFirstInGroup && !s.Assessment.ReturnToReview && q.Group.Items.Any(i => s.LastMonth.ContainsKey(i.Code)))
        {
            choices.Add(new Choice(SameAsLast, s.Turn.T("assess.sameAsLast"), Aliases: ["giong thang truoc", "nhu thang truoc", "same"]));
        }

        if (q.Index > 0 || s.Assessment.ReturnToReview)
        {
            choices.Add(new Choice("cmd:back", s.Turn.T("assess.back")));
        }

        return choices;
    }

    private static string ChoicesHint(SelfAssessmentSession s, IEnumerable<Choice> choices) =>
        s.Question.Item.Breach
            ? s.Turn.T("assess.item.breachHint")
            : TypeHint(s.Turn, choices);

    private static string TypeHint(TurnContext turn, IEnumerable<Choice> choices) =>
        turn.T("assess.item.typeHint", ("choices", string.Join(", ", choices.Where(c => c.Number is not null).Select(c => $"{c.Number} = {c.Label}"))));

    private static Choice? Match(SelfAssessmentSession s, IReadOnlyList<Choice> choices) => ChoiceMatcher.Match(s.Input, choices);

    private static bool IsFreeText(string input) =>
        !string.IsNullOrWhiteSpace(input) && input.Trim().Length >= 3 && !int.TryParse(input.Trim(), out _);

    private static string PromptId(SelfAssessmentSession s, string step) => $"a{s.Assessment.Id}:{step}:{s.Assessment.Cursor}";

    private static string GroupLabel(CatalogueGroup group) => $"{group.Letter}) {group.Title}";

    private string Deadline(TurnContext turn, Period period) =>
        DisplayFormat.Date(turn.Local(period.ClosesAt.AddSeconds(-1), periods.Options.TimeZone));

    private static string TimeLeft(TurnContext turn, Period period) =>
        (period.ClosesAt - turn.Now).Humanize(2, TextCatalog.Culture(turn.Language), maxUnit: TimeUnit.Day, minUnit: TimeUnit.Hour);

    /// <summary>Cuts long text between whole characters (never a lone surrogate, which PostgreSQL refuses).</summary>
    private static string Truncate(string text) => PlainText.Cut(text, MaxText);
}
