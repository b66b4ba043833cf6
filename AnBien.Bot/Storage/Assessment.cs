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
        if (Status == AssessmentStatus.Submitted) ApplyScore(form);
    }

    public ScoreCard Score(AssessmentForm form) =>
        ScoreCard.Compute(form, Answers.ToDictionary(x => x.ItemCode, x => x.ChoiceCode));

    /// <summary>Submits (or re-submits) the answers as they stand, with their score.</summary>
    public ScoreCard Submit(AssessmentForm form, DateTimeOffset now)
    {
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
