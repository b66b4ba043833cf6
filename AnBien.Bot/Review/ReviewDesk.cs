using AnBien.Bot.Assessment;
using AnBien.Bot.Channels;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Review;

/// <summary>
/// The head's review of submitted self-assessments: what a reviewer may see, the decision (confirm the proposal or
/// choose another level with a reason), its audit line, and the notice to the person.
/// </summary>
public sealed partial class ReviewDesk(
    IOptions<ReviewOptions> options,
    CatalogueRegistry catalogues,
    ProactiveSender sender,
    TextCatalog texts,
    ILogger<ReviewDesk> logger)
{
    public const string ConfirmAction = "review.confirm";
    public const string AdjustAction = "review.adjust";
    public const string TasksAction = "review.tasks";

    /// <summary>The periods whose review window is still open: closing time plus <see cref="ReviewOptions.WindowDays"/>.</summary>
    public IQueryable<Period> ReviewablePeriods(BotDbContext db, DateTimeOffset now)
    {
        var earliestClose = now.AddDays(-options.Value.WindowDays);
        return db.Periods.Where(p => p.OpensAt <= now && p.ClosesAt > earliestClose);
    }

    /// <summary>The submissions the reviewer may decide on, waiting ones first, newest month first, then by name.</summary>
    public async Task<List<ReviewItem>> ListAsync(BotDbContext db, Staff reviewer, DateTimeOffset now, CancellationToken ct)
    {
        if (!ReviewScope.IsReviewer(reviewer)) return [];
        var tree = await UnitTree.LoadAsync(db, ct);
        var periods = ReviewablePeriods(db, now).Select(p => p.Id);
        var query = db.Assessments.AsNoTracking()
            .Where(a => periods.Contains(a.PeriodId) && a.Status == AssessmentStatus.Submitted && a.StaffId != reviewer.Id);
        if (!reviewer.Roles.HasFlag(StaffRoles.Council))
        {
            var units = tree.SelfAndDescendants(reviewer.UnitId);
            query = query.Where(a => units.Contains(a.UnitId));
        }

        var rows = await query
            .Select(a => new { a.Id, a.StaffId, a.Staff!.Roles, a.UnitId, a.Period!.Month, a.Staff.FullName, a.ProposedClassification, a.ConfirmedClassification })
            .ToListAsync(ct);
        return rows
            .Where(r => ReviewScope.MayReview(reviewer, r.StaffId, r.Roles, r.UnitId, tree))
            .OrderBy(r => r.ConfirmedClassification is not null)
            .ThenByDescending(r => r.Month, StringComparer.Ordinal)
            .ThenBy(r => r.FullName, StringComparer.Ordinal)
            .ThenBy(r => r.Id)
            .Select(r => new ReviewItem(r.Id, r.Month, r.FullName, r.ProposedClassification ?? "", r.ConfirmedClassification))
            .ToList();
    }

    /// <summary>The submission with what the review shows, or null when it is not the reviewer's to decide (audited).</summary>
    public async Task<Storage.Assessment?> OpenAsync(BotDbContext db, Staff reviewer, long assessmentId, DateTimeOffset now, CancellationToken ct)
    {
        var a = await db.Assessments
            .Include(x => x.Staff).Include(x => x.Period).Include(x => x.Answers).Include(x => x.Notes)
            .SingleOrDefaultAsync(x => x.Id == assessmentId && x.Status == AssessmentStatus.Submitted, ct);
        if (a is null) return null;
        var tree = await UnitTree.LoadAsync(db, ct);
        if (ReviewScope.MayReview(reviewer, a.StaffId, a.Staff!.Roles, a.UnitId, tree)) return a;
        await AuditAsync(db, reviewer, ConfirmAction, a, SummaryAudit.Denied, now, ct);
        return null;
    }

    /// <summary>The form the submission was answered on (the person's catalogue variant, or the period's).</summary>
    public Task<AssessmentForm> FormAsync(BotDbContext db, Storage.Assessment a, CancellationToken ct) => catalogues.FormForAsync(db, a, ct);

    /// <summary>
    /// Records the head's task-results points (Decree 335/2025: the part out of 70), from which the bot proposes the
    /// level; an earlier decision waits again. Audited like a decision.
    /// </summary>
    public async Task<ReviewOutcome> EnterTaskResultsAsync(
        BotDbContext db, Staff reviewer, Storage.Assessment a, int points, DateTimeOffset now, CancellationToken ct)
    {
        var form = await FormAsync(db, a, ct);
        if (form.Catalogue.Classification.TaskPart is not { } part || points < 0 || points > part.MaxPoints) return ReviewOutcome.NotFound;
        if (await RefusalAsync(db, reviewer, TasksAction, a, now, ct) is { } refused) return refused;
        a.EnterTaskResults(form.For(a.Staff!.Roles), points, now);
        await AuditAsync(db, reviewer, TasksAction, a, SummaryAudit.Allowed, now, ct);
        return ReviewOutcome.Done;
    }

    /// <summary>
    /// How many more may be confirmed at <paramref name="level"/> in the submission's unit (without sub-units) and month,
    /// when the catalogue caps it as a share of another confirmed level (Decree 335/2025); null when it does not.
    /// </summary>
    public async Task<ReviewQuota?> QuotaAsync(BotDbContext db, Storage.Assessment a, AssessmentForm form, string level, CancellationToken ct)
    {
        var levels = form.Catalogue.Classification.Levels;
        if (levels.FirstOrDefault(l => l.Code == level) is not { QuotaPercent: { } percent, QuotaOf: { } of } capped) return null;
        var others = db.Assessments.Where(x => x.PeriodId == a.PeriodId && x.UnitId == a.UnitId && x.Id != a.Id
            && x.Status == AssessmentStatus.Submitted && x.CatalogueId == a.CatalogueId && x.CatalogueVersion == a.CatalogueVersion);
        var basis = await others.CountAsync(x => x.ConfirmedClassification == of, ct);
        var used = await others.CountAsync(x => x.ConfirmedClassification == level, ct);
        var allowed = (int)Math.Floor(basis * percent / 100m);
        return new ReviewQuota(capped.Label, percent, LabelOf(form, of), basis, Math.Max(0, allowed - used));
    }

    public bool IsWindowOpen(Period period, DateTimeOffset now) => period.ClosesAt.AddDays(options.Value.WindowDays) > now;

    /// <summary>
    /// Confirms <paramref name="level"/> for the submission. Another level than the proposal needs a reason. The decision
    /// and its audit line are stored before the person is told, so a failed notice never loses a decision.
    /// </summary>
    public async Task<ReviewOutcome> DecideAsync(
        BotDbContext db, Staff reviewer, Storage.Assessment a, string level, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var adjusted = level != a.ProposedClassification;
        var action = adjusted ? AdjustAction : ConfirmAction;
        if (await RefusalAsync(db, reviewer, action, a, now, ct) is { } refused) return refused;

        var form = await FormAsync(db, a, ct);
        if (form.Catalogue.Classification.Levels.All(l => l.Code != level)) return ReviewOutcome.NotFound;
        // On the 100-point scale the head scores the task results first; there is nothing to confirm before.
        if (a.ProposedClassification is null) return ReviewOutcome.TasksRequired;
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (adjusted && reason is null) return ReviewOutcome.ReasonRequired;
        if (await QuotaAsync(db, a, form, level, ct) is { Left: <= 0 })
        {
            await AuditAsync(db, reviewer, action, a, SummaryAudit.Denied, now, ct);
            return ReviewOutcome.QuotaFull;
        }

        a.Confirm(level, reviewer.Code, adjusted ? reason : null, now);
        await AuditAsync(db, reviewer, action, a, SummaryAudit.Allowed, now, ct);
        await TellPersonAsync(a, form, ct);
        return ReviewOutcome.Done;
    }

    /// <summary>The refusal (audited) when the submission is not the reviewer's or its window has closed; null when allowed.</summary>
    private async Task<ReviewOutcome?> RefusalAsync(BotDbContext db, Staff reviewer, string action, Storage.Assessment a, DateTimeOffset now, CancellationToken ct)
    {
        var tree = await UnitTree.LoadAsync(db, ct);
        ReviewOutcome? refusal = !ReviewScope.MayReview(reviewer, a.StaffId, a.Staff!.Roles, a.UnitId, tree) ? ReviewOutcome.NotAllowed
            : !IsWindowOpen(a.Period!, now) ? ReviewOutcome.WindowClosed
            : null;
        if (refusal is not null) await AuditAsync(db, reviewer, action, a, SummaryAudit.Denied, now, ct);
        return refusal;
    }

    private async Task TellPersonAsync(Storage.Assessment a, AssessmentForm form, CancellationToken ct)
    {
        var person = a.Staff!;
        var label = LabelOf(form, a.ConfirmedClassification);
        var month = DisplayFormat.Month(a.Period!.Month);
        var text = a.ReviewReason is { } reason
            ? texts.Get(person.Language, "review.notice.adjusted", ("month", month), ("level", label), ("proposed", LabelOf(form, a.ProposedClassification)), ("reason", reason))
            : texts.Get(person.Language, "review.notice.confirmed", ("month", month), ("level", label));
        var results = await sender.SendToStaffAsync(person.Id, new OutgoingMessage(text), ct);
        if (results.All(r => r.Status != DeliveryStatus.Sent)) LogNoticeNotDelivered(logger, a.Id);
    }

    /// <summary>The label of a level in the current catalogue (the list shows many months; the detail uses the period's own).</summary>
    public string Label(string? code) => LabelOf(catalogues.Current, code);

    public static string LabelOf(AssessmentForm form, string? code) =>
        form.Catalogue.Classification.Levels.FirstOrDefault(l => l.Code == code)?.Label ?? code ?? "—";

    private static async Task AuditAsync(BotDbContext db, Staff reviewer, string action, Storage.Assessment a, string outcome, DateTimeOffset now, CancellationToken ct)
    {
        db.Audit.Add(new AuditEntry
        {
            At = now,
            Actor = reviewer.Code,
            Action = action,
            Scope = $"{a.Staff!.Code} {a.Period!.Month} {a.ConfirmedClassification ?? "-"}",
            Outcome = outcome,
        });
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review notice for assessment {AssessmentId} reached no chat account")]
    private static partial void LogNoticeNotDelivered(ILogger logger, long assessmentId);
}
