using System.Globalization;
using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Humanizer;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// The monthly self-assessment: opening → one item per turn (group by group, with "giống tháng trước" and an optional
/// note after each group) → an optional good deed → review → submit → receipt. Every answer is stored as it is given,
/// and the position lives on the assessment row, so any channel resumes at the same step.
/// Script: Dialogs/tu-danh-gia.md.
/// </summary>
public sealed class SelfAssessmentDialog(PeriodService periods, CatalogueRegistry catalogues, PreviousAnswers previous, BotDbContextFactory databases)
    : IDialog, IResumable
{
    private const string Intro = "intro", Item = "item", Note = "note", GoodDeed = "gooddeed", Review = "review", Edit = "edit", Done = "done";
    private const string SameAsLast = "same-as-last", Start = "start", Continue = "continue", AddNote = "add-note", Skip = "skip",
        Submit = "submit", Change = "change";

    // Read on every turn of the dialog, so compiled once (EF otherwise walks and hashes the expression tree each time).
    // Per instance, not static: EF ties a compiled query to one model, and each provider has its own.
    private readonly Func<BotDbContext, long, int, CancellationToken, Task<Storage.Assessment?>> _findById = EF.CompileAsyncQuery(
        (BotDbContext db, long id, int staffId, CancellationToken _) =>
            db.Assessments.Include(x => x.Answers).Include(x => x.Period).SingleOrDefault(x => x.Id == id && x.StaffId == staffId));

    private readonly Func<BotDbContext, int, int, CancellationToken, Task<Storage.Assessment?>> _findForPeriod = EF.CompileAsyncQuery(
        (BotDbContext db, int staffId, int periodId, CancellationToken _) =>
            db.Assessments.Include(x => x.Answers).Include(x => x.Period).SingleOrDefault(x => x.StaffId == staffId && x.PeriodId == periodId));

    public string Name => DialogNames.SelfAssessment;

    public async Task BeginAsync(TurnContext turn, CancellationToken ct)
    {
        var period = await periods.FindOpenAsync(turn.Db, ct);
        if (period is null)
        {
            await SayNoOpenPeriodAsync(turn, ct);
            return;
        }

        var session = await LoadOrCreateAsync(turn, period, ct);
        var a = session.Assessment;
        if (a.Status == AssessmentStatus.Submitted)
        {
            a.Step = Done;
            AskSubmitted(turn, session);
            return;
        }

        if (a.Step == Intro)
        {
            AskIntro(turn, session);
            return;
        }

        turn.Say(turn.T("assess.resume", ("month", MonthLabel(period)), ("answered", a.Answers.Count), ("count", session.Form.Questions.Count)));
        Ask(turn, session);
    }

    public async Task ContinueAsync(TurnContext turn, CancellationToken ct)
    {
        var session = await LoadCurrentAsync(turn, ct);
        if (session is null) return;
        var a = session.Assessment;
        var input = turn.Input;

        switch (a.Step)
        {
            case Intro:
                if (Match(input, IntroChoices(turn)) is { Value: Start })
                {
                    MoveToItem(a, FirstUnanswered(session));
                    Ask(turn, session);
                    return;
                }

                Miss(turn, session);
                return;

            case Item:
                var question = session.Form.Questions[a.Cursor];
                var choices = ItemChoices(turn, session, question);
                var picked = Match(input, choices);
                if (picked is null)
                {
                    Miss(turn, session);
                    return;
                }

                if (picked.Value == SameAsLast)
                {
                    var copied = CopyGroupFromLastMonth(turn, session, question.GroupIndex);
                    turn.Say(turn.T("assess.sameAsLast.done", ("count", copied), ("group", GroupLabel(question.Group))));
                    a.Cursor = session.Form.LastOfGroup(question.GroupIndex).Index;
                    a.Step = a.ReturnToReview ? Review : Note;
                    Ask(turn, session);
                    return;
                }

                Record(turn, session, question, picked.Value);
                if (a.ReturnToReview)
                {
                    a.Step = Review;
                }
                else if (question.IsLastInGroup)
                {
                    a.Step = Note;
                }
                else
                {
                    a.Cursor++;
                }

                Ask(turn, session);
                return;

            case Note:
                var group = session.Form.Questions[a.Cursor].Group;
                var noteChoice = turn.State.AwaitingNote ? null : Match(input, NoteChoices(turn));
                if (noteChoice is { Value: AddNote })
                {
                    turn.State.AwaitingNote = true;
                    turn.Send(new OutgoingMessage(turn.T("assess.note.enter", ("group", GroupLabel(group))))
                    {
                        PromptId = PromptId(a, "note-text"),
                        Choices = [new Choice(Skip, turn.T("assess.skip"))],
                    });
                    return;
                }

                if (noteChoice is null && Match(input, [new Choice(Skip, turn.T("assess.skip"))]) is null)
                {
                    if (!IsFreeText(input))
                    {
                        Miss(turn, session);
                        return;
                    }

                    await SaveNoteAsync(turn, a, group.Code, input!, ct);
                    turn.Say(turn.T("assess.note.saved"));
                }

                turn.State.AwaitingNote = false;
                var nextGroup = session.Form.Questions[a.Cursor].GroupIndex + 1;
                if (nextGroup < session.Form.Groups.Count)
                {
                    MoveToItem(a, session.Form.FirstOfGroup(nextGroup).Index);
                }
                else
                {
                    a.Step = GoodDeed;
                }

                Ask(turn, session);
                return;

            case GoodDeed:
                if (Match(input, [new Choice(Skip, turn.T("assess.skip"))]) is null)
                {
                    if (!IsFreeText(input))
                    {
                        Miss(turn, session);
                        return;
                    }

                    a.GoodDeed = Truncate(input!.Trim(), 2000);
                    turn.Say(turn.T("assess.goodDeed.saved"));
                }

                a.Step = Review;
                Ask(turn, session);
                return;

            case Review:
                switch (Match(input, ReviewChoices(turn))?.Value)
                {
                    case Submit:
                        SubmitAssessment(turn, session);
                        return;
                    case Change:
                        a.Step = Edit;
                        Ask(turn, session);
                        return;
                    default:
                        Miss(turn, session);
                        return;
                }

            case Edit:
                if (int.TryParse(TextNormalizer.Fold(input), out var n) && n >= 1 && n <= session.Form.Questions.Count)
                {
                    a.Cursor = n - 1;
                    a.Step = Item;
                    a.ReturnToReview = true;
                    Ask(turn, session);
                    return;
                }

                Miss(turn, session);
                return;

            default:
                // Submitted: the person may reopen the review to change answers until the period closes.
                if (Match(input, SubmittedChoices(turn)) is { Value: Change })
                {
                    a.Step = Review;
                    Ask(turn, session);
                    return;
                }

                Miss(turn, session);
                return;
        }
    }

    public async Task BackAsync(TurnContext turn, CancellationToken ct)
    {
        var session = await LoadCurrentAsync(turn, ct);
        if (session is null) return;
        var a = session.Assessment;
        turn.State.AwaitingNote = false;
        switch (a.Step)
        {
            case Item when a.ReturnToReview:
            case Edit:
                a.Step = Review;
                break;
            case Item when a.Cursor > 0:
                var previous = session.Form.Questions[a.Cursor - 1];
                // Going back over a group boundary lands on that group's note question, which is one step back.
                a.Step = previous.IsLastInGroup ? Note : Item;
                a.Cursor--;
                break;
            case Item:
                a.Step = Intro;
                break;
            case Note:
                a.Step = Item;
                break;
            case GoodDeed:
                a.Step = Note;
                a.Cursor = session.Form.Questions.Count - 1;
                break;
            case Review:
                a.Step = GoodDeed;
                break;
            default:
                turn.Say(turn.T("assess.back.none"));
                break;
        }

        Ask(turn, session);
    }

    public async Task RepromptAsync(TurnContext turn, CancellationToken ct)
    {
        var session = await LoadCurrentAsync(turn, ct);
        if (session is null) return;
        if (session.Assessment.Status == AssessmentStatus.InProgress && session.Assessment.Step != Intro)
        {
            turn.Say(turn.T("assess.resume", ("month", MonthLabel(session.Period)), ("answered", session.Assessment.Answers.Count),
                ("count", session.Form.Questions.Count)));
        }

        Ask(turn, session);
    }

    public async Task PauseAsync(TurnContext turn, CancellationToken ct)
    {
        var session = await LoadCurrentAsync(turn, ct, quiet: true);
        if (session is null || session.Assessment.Status == AssessmentStatus.Submitted) return;
        turn.Say(turn.T("assess.paused", ("answered", session.Assessment.Answers.Count), ("count", session.Form.Questions.Count),
            ("deadline", Deadline(turn, session.Period))));
    }

    public async Task<bool> HasWorkToResumeAsync(TurnContext turn, CancellationToken ct)
    {
        if (turn.Staff is null) return false;
        var staffId = turn.Staff.Id;
        var now = turn.Now;
        var open = await turn.Db.Assessments
            .Where(a => a.StaffId == staffId && a.Status == AssessmentStatus.InProgress && a.Step != Intro)
            .Where(a => a.Period!.ClosedAt == null && a.Period.OpensAt <= now && a.Period.ClosesAt > now)
            .Select(a => (long?)a.Id)
            .FirstOrDefaultAsync(ct);
        if (open is null) return false;
        turn.State.AssessmentId = open;
        return true;
    }

    private void AskIntro(TurnContext turn, Session session)
    {
        var period = session.Period;
        var count = session.Form.Questions.Count;
        var text = turn.T("assess.intro",
            ("month", MonthLabel(period)),
            ("count", count),
            ("groups", session.Form.Groups.Count),
            ("minutes", Math.Max(2, (int)Math.Ceiling(count * 8 / 60.0))),
            ("deadline", Deadline(turn, period)),
            ("left", TimeLeft(turn, period)));
        turn.Send(new OutgoingMessage(text)
        {
            Title = turn.T("assess.title", ("month", MonthLabel(period))),
            Choices = IntroChoices(turn),
            PromptId = PromptId(session.Assessment, Intro),
        });
    }

    private void Ask(TurnContext turn, Session session)
    {
        var a = session.Assessment;
        turn.State.Misses = 0;
        switch (a.Step)
        {
            case Intro:
                AskIntro(turn, session);
                break;
            case Item:
                AskItem(turn, session, session.Form.Questions[a.Cursor]);
                break;
            case Note:
                AskNote(turn, session);
                break;
            case GoodDeed:
                turn.Send(new OutgoingMessage(turn.T("assess.goodDeed.ask"))
                {
                    Choices = [new Choice(Skip, turn.T("assess.skip"))],
                    PromptId = PromptId(a, GoodDeed),
                });
                break;
            case Review:
                ShowReview(turn, session);
                break;
            case Edit:
                turn.Send(new OutgoingMessage(turn.T("assess.edit.ask", ("count", session.Form.Questions.Count)))
                {
                    PromptId = PromptId(a, Edit),
                });
                break;
            default:
                AskSubmitted(turn, session);
                break;
        }
    }

    private void AskItem(TurnContext turn, Session session, FormQuestion q)
    {
        var header = turn.T("assess.item.header", ("number", q.Index + 1), ("count", session.Form.Questions.Count), ("group", GroupLabel(q.Group)));
        var body = q.Item.Breach ? turn.T("assess.item.breach", ("text", q.Item.Text)) : q.Item.Text;
        var hint = q.Item.Hint is { } h ? "\n" + turn.T("assess.item.hint", ("hint", h)) : "";
        var choices = ItemChoices(turn, session, q);
        turn.Send(new OutgoingMessage($"{header}\n{body}{hint}")
        {
            Title = header,
            Choices = choices,
            PromptId = PromptId(session.Assessment, $"{Item}:{q.Item.Code}"),
            ChoicesHint = NumberHint(turn, choices),
        });
    }

    private void AskNote(TurnContext turn, Session session)
    {
        var q = session.Form.Questions[session.Assessment.Cursor];
        var inGroup = session.Assessment.Answers.Count(x => session.Form.ByCode.TryGetValue(x.ItemCode, out var fq) && fq.GroupIndex == q.GroupIndex);
        turn.Send(new OutgoingMessage(turn.T("assess.note.ask", ("group", GroupLabel(q.Group)), ("answered", inGroup), ("count", q.Group.Items.Count)))
        {
            Choices = NoteChoices(turn),
            PromptId = PromptId(session.Assessment, $"{Note}:{q.Group.Code}"),
        });
    }

    private void ShowReview(TurnContext turn, Session session)
    {
        var a = session.Assessment;
        var score = Score(session);
        var missing = session.Form.Questions.Count - a.Answers.Count;
        var facts = new List<KeyValuePair<string, string>>
        {
            new(turn.T("assess.review.answered"), $"{a.Answers.Count}/{session.Form.Questions.Count}"),
            new(turn.T("assess.review.total"), $"{score.Total}/{score.Max} ({score.Percent.ToString("0.#", TextCatalog.Culture(turn.Language))}%)"),
            new(turn.T("assess.review.proposed"), score.Proposed.Label),
        };
        var lines = new List<string> { turn.T("assess.review.title", ("month", MonthLabel(session.Period))) };
        lines.AddRange(facts.Select(f => $"• {f.Key}: {f.Value}"));
        if (score.NotDone.Count > 0)
        {
            lines.Add(turn.T("assess.review.notDone"));
            lines.AddRange(score.NotDone.Select(q => $"  {q.Index + 1}. {Short(q.Item.Text)}"));
        }

        if (score.Breaches.Count > 0)
        {
            lines.Add(turn.T("assess.review.breaches"));
            lines.AddRange(score.Breaches.Select(q => $"  {q.Index + 1}. {Short(q.Item.Text)}"));
        }

        if (missing > 0) lines.Add(turn.T("assess.review.missing", ("missing", missing)));
        if (a.GoodDeed is not null) lines.Add(turn.T("assess.review.goodDeed", ("text", Short(a.GoodDeed))));
        lines.Add(turn.T("assess.review.ask"));
        turn.Send(new OutgoingMessage(string.Join('\n', lines))
        {
            Title = turn.T("assess.review.title", ("month", MonthLabel(session.Period))),
            Facts = facts,
            Choices = ReviewChoices(turn),
            PromptId = PromptId(a, Review),
        });
    }

    private void AskSubmitted(TurnContext turn, Session session)
    {
        var a = session.Assessment;
        turn.Send(new OutgoingMessage(turn.T("assess.submitted.already",
            ("month", MonthLabel(session.Period)),
            ("at", turn.Local(a.SubmittedAt ?? a.UpdatedAt, periods.Options.TimeZone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture)),
            ("total", a.TotalPoints), ("max", a.MaxPoints), ("proposed", a.ProposedClassification is { } code ? LevelLabel(session, code) : "—"),
            ("deadline", Deadline(turn, session.Period))))
        {
            Choices = SubmittedChoices(turn),
            PromptId = PromptId(a, Done),
        });
    }

    private void SubmitAssessment(TurnContext turn, Session session)
    {
        var a = session.Assessment;
        var firstTime = a.SubmittedAt is null;
        a.Status = AssessmentStatus.Submitted;
        a.SubmittedAt ??= turn.Now;
        a.UpdatedAt = turn.Now;
        a.Step = Done;
        a.ReturnToReview = false;
        var score = ApplyScore(session);
        turn.State.ActiveDialog = null;
        turn.State.PromptId = null;
        turn.Say(turn.T(firstTime ? "assess.submitted" : "assess.resubmitted",
            ("month", MonthLabel(session.Period)),
            ("at", turn.Local(turn.Now, periods.Options.TimeZone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture)),
            ("total", score.Total), ("max", score.Max),
            ("percent", score.Percent.ToString("0.#", TextCatalog.Culture(turn.Language))),
            ("proposed", score.Proposed.Label),
            ("deadline", Deadline(turn, session.Period))));
    }

    private void Record(TurnContext turn, Session session, FormQuestion q, string choiceCode)
    {
        var a = session.Assessment;
        var choice = q.Scale.Choices.First(c => c.Code == choiceCode);
        var existing = a.Answers.FirstOrDefault(x => x.ItemCode == q.Item.Code);
        if (existing is null)
        {
            a.Answers.Add(new Answer { ItemCode = q.Item.Code, ChoiceCode = choice.Code, Points = choice.Points, AnsweredAt = turn.Now });
        }
        else
        {
            existing.ChoiceCode = choice.Code;
            existing.Points = choice.Points;
            existing.AnsweredAt = turn.Now;
        }

        a.UpdatedAt = turn.Now;
        if (a.Status == AssessmentStatus.Submitted) ApplyScore(session);
    }

    private int CopyGroupFromLastMonth(TurnContext turn, Session session, int groupIndex)
    {
        var copied = 0;
        foreach (var q in session.Form.Questions.Where(q => q.GroupIndex == groupIndex))
        {
            if (session.LastMonth.TryGetValue(q.Item.Code, out var code) && q.Scale.Choices.Any(c => c.Code == code))
            {
                Record(turn, session, q, code);
                copied++;
            }
        }

        return copied;
    }

    private static async Task SaveNoteAsync(TurnContext turn, Storage.Assessment a, string groupCode, string text, CancellationToken ct)
    {
        // Notes are read only here, not with every turn's assessment.
        var note = await turn.Db.GroupNotes.SingleOrDefaultAsync(n => n.AssessmentId == a.Id && n.GroupCode == groupCode, ct);
        if (note is null)
        {
            turn.Db.GroupNotes.Add(new GroupNote { AssessmentId = a.Id, GroupCode = groupCode, Text = Truncate(text.Trim(), 2000) });
        }
        else
        {
            note.Text = Truncate(text.Trim(), 2000);
        }

        a.UpdatedAt = turn.Now;
    }

    private void Miss(TurnContext turn, Session session)
    {
        turn.State.Misses++;
        if (turn.State.Misses >= 3)
        {
            turn.State.Misses = 0;
            turn.State.ActiveDialog = null;
            turn.State.PromptId = null;
            turn.Send(new OutgoingMessage(turn.T("miss.menu"))
            {
                Choices =
                [
                    new Choice("cmd:assess", turn.T("menu.continue"), 1),
                    new Choice("cmd:menu", turn.T("menu.help"), 2),
                ],
            });
            return;
        }

        var retry = turn.T(session.Assessment.Step == Edit ? "assess.edit.invalid" : "miss.retry", ("count", session.Form.Questions.Count));
        if (session.Assessment.Step == Item)
        {
            retry += "\n" + NumberHint(turn, ItemChoices(turn, session, session.Form.Questions[session.Assessment.Cursor]));
        }

        turn.Say(retry);
        var misses = turn.State.Misses;
        Ask(turn, session);
        turn.State.Misses = misses;
    }

    private ScoreCard Score(Session session) =>
        ScoreCard.Compute(session.Form, session.Assessment.Answers.ToDictionary(x => x.ItemCode, x => x.ChoiceCode));

    private ScoreCard ApplyScore(Session session)
    {
        var score = Score(session);
        session.Assessment.TotalPoints = score.Total;
        session.Assessment.MaxPoints = score.Max;
        session.Assessment.ProposedClassification = score.Proposed.Code;
        return score;
    }

    private async Task<Session> LoadOrCreateAsync(TurnContext turn, Period period, CancellationToken ct)
    {
        var staff = turn.Staff!;
        var a = await _findForPeriod(turn.Db, staff.Id, period.Id, ct);
        if (a is null)
        {
            await CreateAssessmentAsync(staff, period, turn.Now, ct);
            a = await _findForPeriod(turn.Db, staff.Id, period.Id, ct)
                ?? throw new InvalidOperationException("The assessment just created cannot be read back.");
        }

        turn.State.AssessmentId = a.Id;
        return await SessionAsync(turn, a, period, ct);
    }

    /// <summary>
    /// Creates the row in a unit of work of its own, so it has an id for this turn without committing the turn early;
    /// the unique (staff, period) index lets exactly one of two racing chats create it.
    /// </summary>
    private async Task CreateAssessmentAsync(Staff staff, Period period, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = databases.Create();
        db.Assessments.Add(new Storage.Assessment
        {
            StaffId = staff.Id, PeriodId = period.Id, UnitId = staff.UnitId, Status = AssessmentStatus.InProgress,
            StartedAt = now, UpdatedAt = now, Step = Intro,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Fine when the person's other chat created it a moment ago; anything else is a real error.
            if (!await db.Assessments.AsNoTracking().AnyAsync(x => x.StaffId == staff.Id && x.PeriodId == period.Id, ct)) throw;
        }
    }

    private async Task<Session?> LoadCurrentAsync(TurnContext turn, CancellationToken ct, bool quiet = false)
    {
        if (turn.State.AssessmentId is not { } id || turn.Staff is null)
        {
            if (!quiet) await BeginAsync(turn, ct);
            return null;
        }

        var a = await _findById(turn.Db, id, turn.Staff.Id, ct);
        if (a?.Period is null)
        {
            turn.State.AssessmentId = null;
            if (!quiet) await BeginAsync(turn, ct);
            return null;
        }

        if (!a.Period.IsOpenAt(turn.Now))
        {
            if (quiet) return null;
            turn.State.ActiveDialog = null;
            turn.State.PromptId = null;
            turn.Say(turn.T("assess.closed", ("month", MonthLabel(a.Period)),
                ("at", turn.Local(a.Period.ClosedAt ?? a.Period.ClosesAt, periods.Options.TimeZone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture))));
            return null;
        }

        return await SessionAsync(turn, a, a.Period, ct);
    }

    private async Task<Session> SessionAsync(TurnContext turn, Storage.Assessment a, Period period, CancellationToken ct)
    {
        var form = await catalogues.FormForAsync(turn.Db, period, ct);
        var lastMonth = await previous.ForAsync(turn.Db, a.StaffId, period.Month, ct);
        return new Session(a, period, form, lastMonth);
    }

    private async Task SayNoOpenPeriodAsync(TurnContext turn, CancellationToken ct)
    {
        turn.State.ActiveDialog = null;
        var next = PeriodWindow.NextOpening(turn.Now, periods.Options);
        var closed = await periods.FindLastClosedAsync(turn.Db, ct);
        var nextText = turn.Local(next, periods.Options.TimeZone).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        turn.Say(closed is not null
            ? turn.T("assess.noPeriod.closed", ("month", MonthLabel(closed)), ("next", nextText))
            : turn.T("assess.noPeriod", ("next", nextText)));
    }

    private static int FirstUnanswered(Session session)
    {
        var answered = session.Assessment.Answers.Select(x => x.ItemCode).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return session.Form.Questions.FirstOrDefault(q => !answered.Contains(q.Item.Code))?.Index ?? 0;
    }

    private static void MoveToItem(Storage.Assessment a, int index)
    {
        a.Step = Item;
        a.Cursor = index;
    }

    private static List<Choice> IntroChoices(TurnContext turn) =>
        [new Choice(Start, turn.T("assess.start"), 1), new Choice("cmd:pause", turn.T("assess.later"), 2)];

    private static List<Choice> NoteChoices(TurnContext turn) =>
        [new Choice(Continue, turn.T("assess.note.continue"), 1), new Choice(AddNote, turn.T("assess.note.add"), 2)];

    private static List<Choice> ReviewChoices(TurnContext turn) =>
        [new Choice(Submit, turn.T("assess.submit"), 1), new Choice(Change, turn.T("assess.change"), 2)];

    private static List<Choice> SubmittedChoices(TurnContext turn) =>
        [new Choice(Change, turn.T("assess.submitted.change"), 1), new Choice("cmd:menu", turn.T("menu.help"), 2)];

    private static List<Choice> ItemChoices(TurnContext turn, Session session, FormQuestion q)
    {
        var choices = q.Scale.Choices
            .Select(c => new Choice(c.Code, c.Label, q.Scale.NumberOf(c), c.Aliases))
            .ToList();
        if (q.IsFirstInGroup && !session.Assessment.ReturnToReview && q.Group.Items.Any(i => session.LastMonth.ContainsKey(i.Code)))
        {
            choices.Add(new Choice(SameAsLast, turn.T("assess.sameAsLast"), Aliases: ["giong thang truoc", "nhu thang truoc", "same"]));
        }

        if (q.Index > 0 || session.Assessment.ReturnToReview)
        {
            choices.Add(new Choice("cmd:back", turn.T("assess.back")));
        }

        return choices;
    }

    private static string NumberHint(TurnContext turn, IEnumerable<Choice> choices) =>
        turn.T("assess.item.typeHint", ("choices", string.Join(", ", choices.Where(c => c.Number is not null).Select(c => $"{c.Number} = {c.Label}"))));

    private static Choice? Match(string? input, IReadOnlyList<Choice> choices) => ChoiceMatcher.Match(input, choices);

    private static bool IsFreeText(string? input) =>
        !string.IsNullOrWhiteSpace(input) && input.Trim().Length >= 3 && !int.TryParse(input.Trim(), out _);

    private static string PromptId(Storage.Assessment a, string step) => $"a{a.Id}:{step}:{a.Cursor}";

    private static string MonthLabel(Period period) => $"{period.Month[5..]}/{period.Month[..4]}";

    private static string GroupLabel(CatalogueGroup group) => $"{group.Letter}) {group.Title}";

    private static string LevelLabel(Session session, string code) =>
        session.Form.Catalogue.Classification.Levels.FirstOrDefault(l => l.Code == code)?.Label ?? code;

    private string Deadline(TurnContext turn, Period period) =>
        turn.Local(period.ClosesAt.AddSeconds(-1), periods.Options.TimeZone).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string TimeLeft(TurnContext turn, Period period) =>
        (period.ClosesAt - turn.Now).Humanize(2, TextCatalog.Culture(turn.Language), maxUnit: TimeUnit.Day,
            minUnit: TimeUnit.Hour);

    private static string Short(string text) => text.Length <= 90 ? text : PlainText.Cut(text, 87).TrimEnd() + "…";

    private static string Truncate(string text, int max) => PlainText.Cut(text, max);

    private sealed record Session(Storage.Assessment Assessment, Period Period, AssessmentForm Form, IReadOnlyDictionary<string, string> LastMonth);
}
