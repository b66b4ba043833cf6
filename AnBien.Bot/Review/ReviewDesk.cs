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

    public Task<AssessmentForm> FormAsync(BotDbContext db, Period period, CancellationToken ct) => catalogues.FormForAsync(db, period, ct);

    public bool IsWindowOpen(Period period, DateTimeOffset now) => period.ClosesAt.AddDays(options.Value.WindowDays) > now;

    /// <summary>
    /// Confirms <paramref name="level"/> for the submission. Another level than the proposal needs a reason. The decision
    /// and its audit line are stored before the person is told, so a failed notice never loses a decision.
    /// </summary>
    public async Task<ReviewOutcome> DecideAsync(
        BotDbContext db, Staff reviewer, Storage.Assessment a, string level, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var tree = await UnitTree.LoadAsync(db, ct);
        var adjusted = level != a.ProposedClassification;
        var action = adjusted ? AdjustAction : ConfirmAction;
        if (!ReviewScope.MayReview(reviewer, a.StaffId, a.Staff!.Roles, a.UnitId, tree))
        {
            await AuditAsync(db, reviewer, action, a, SummaryAudit.Denied, now, ct);
            return ReviewOutcome.NotAllowed;
        }

        if (!IsWindowOpen(a.Period!, now))
        {
            await AuditAsync(db, reviewer, action, a, SummaryAudit.Denied, now, ct);
            return ReviewOutcome.WindowClosed;
        }

        var form = await FormAsync(db, a.Period!, ct);
        if (form.Catalogue.Classification.Levels.All(l => l.Code != level)) return ReviewOutcome.NotFound;
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (adjusted && reason is null) return ReviewOutcome.ReasonRequired;

        a.Confirm(level, reviewer.Code, adjusted ? reason : null, now);
        await AuditAsync(db, reviewer, action, a, SummaryAudit.Allowed, now, ct);
        await TellPersonAsync(a, form, ct);
        return ReviewOutcome.Done;
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
