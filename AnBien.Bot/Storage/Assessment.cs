using AnBien.Bot.Assessment;

namespace AnBien.Bot.Storage;

/// <summary>One person's self-assessment for one period. Unique per (staff, period).</summary>
public sealed class Assessment
{
    public long Id { get; set; }
    public int StaffId { get; set; }
    public Staff? Staff { get; set; }
    public int PeriodId { get; set; }
    public Period? Period { get; set; }

    /// <summary>The unit the person belonged to when they assessed, so moving later does not rewrite old summaries.</summary>
    public int UnitId { get; set; }
    public AssessmentStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Where the person is in the conversation, so any channel resumes at the same step.</summary>
    public string Step { get; set; } = "intro";
    public int Cursor { get; set; }
    public bool ReturnToReview { get; set; }

    public string? GoodDeed { get; set; }
    public int? TotalPoints { get; set; }
    public int? MaxPoints { get; set; }
    public string? ProposedClassification { get; set; }

    /// <summary>The classification the unit head confirms on review; null until then.</summary>
    public string? ConfirmedClassification { get; set; }

    /// <summary>The staff code of whoever confirmed or adjusted the classification.</summary>
    public string? ConfirmedBy { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>Why the reviewer chose another level than the proposal; null when the proposal was confirmed.</summary>
    public string? ReviewReason { get; set; }

    public List<Answer> Answers { get; set; } = [];
    public List<GroupNote> Notes { get; set; } = [];

    /// <summary>Records (or replaces) the answer to a question; a submitted assessment is re-scored at once.</summary>
    public void Record(AssessmentForm form, FormQuestion question, ScaleChoice choice, DateTimeOffset now)
    {
        var existing = Answers.FirstOrDefault(x => x.ItemCode == question.Item.Code);
        if (existing is null)
        {
            Answers.Add(new Answer { ItemCode = question.Item.Code, ChoiceCode = choice.Code, Points = choice.Points, AnsweredAt = now });
        }
        else
        {
            existing.ChoiceCode = choice.Code;
            existing.Points = choice.Points;
            existing.AnsweredAt = now;
        }

        UpdatedAt = now;
        if (Status != AssessmentStatus.Submitted) return;
        ApplyScore(form);
        // A changed answer after the head's decision makes the decision stale: it waits for review again.
        ClearReview();
    }

    /// <summary>Records the reviewer's decision on the classification.</summary>
    public void Confirm(string classification, string reviewerCode, string? reason, DateTimeOffset now)
    {
        ConfirmedClassification = classification;
        ConfirmedBy = reviewerCode;
        ConfirmedAt = now;
        ReviewReason = reason;
    }

    /// <summary>Sets the assessment back to waiting for review.</summary>
    public void ClearReview()
    {
        ConfirmedClassification = null;
        ConfirmedBy = null;
        ConfirmedAt = null;
        ReviewReason = null;
    }

    public ScoreCard Score(AssessmentForm form) =>
        ScoreCard.Compute(form, Answers.ToDictionary(x => x.ItemCode, x => x.ChoiceCode));

    /// <summary>Submits (or re-submits) the answers as they stand, with their score.</summary>
    public ScoreCard Submit(AssessmentForm form, DateTimeOffset now)
    {
        // A re-submission is an edit by the person (a note or good deed may have changed): it waits for review again.
        if (SubmittedAt is not null) ClearReview();
        Status = AssessmentStatus.Submitted;
        SubmittedAt ??= now;
        UpdatedAt = now;
        ReturnToReview = false;
        return ApplyScore(form);
    }

    private ScoreCard ApplyScore(AssessmentForm form)
    {
        var score = Score(form);
        TotalPoints = score.Total;
        MaxPoints = score.Max;
        ProposedClassification = score.Proposed.Code;
        return score;
    }
}
