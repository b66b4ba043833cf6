using AnBien.Bot.Assessment;

namespace AnBien.Bot.Storage;

/// <summary>
/// The unit's collective self-assessment for one period (the catalogue's collective part), filled in by the unit head.
/// Unique per (period, unit): whichever head edits last before the close wins, and every submission is audited.
/// </summary>
public sealed class UnitAssessment
{
    public long Id { get; set; }
    public int PeriodId { get; set; }
    public Period? Period { get; set; }
    public int UnitId { get; set; }
    public AssessmentStatus Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The staff code of the head who last changed or submitted it.</summary>
    public string? UpdatedBy { get; set; }

    /// <summary>Where the head is in the conversation, so any channel (or another head) resumes at the same step.</summary>
    public string Step { get; set; } = "intro";
    public int Cursor { get; set; }
    public bool ReturnToReview { get; set; }

    public int? TotalPoints { get; set; }
    public int? MaxPoints { get; set; }
    public string? ProposedClassification { get; set; }

    public List<UnitAnswer> Answers { get; set; } = [];

    public void Record(FormQuestion question, ScaleChoice choice, string by, DateTimeOffset now)
    {
        var existing = Answers.FirstOrDefault(x => x.ItemCode == question.Item.Code);
        if (existing is null)
        {
            Answers.Add(new UnitAnswer { ItemCode = question.Item.Code, ChoiceCode = choice.Code, Points = choice.Points });
        }
        else
        {
            existing.ChoiceCode = choice.Code;
            existing.Points = choice.Points;
        }

        UpdatedAt = now;
        UpdatedBy = by;
    }

    public ScoreCard Score(AssessmentForm form) => ScoreCard.Compute(form, Answers.ToDictionary(x => x.ItemCode, x => x.ChoiceCode));

    /// <summary>Submits (or re-submits) the answers as they stand, with their score.</summary>
    public ScoreCard Submit(AssessmentForm form, string by, DateTimeOffset now)
    {
        var score = Score(form);
        Status = AssessmentStatus.Submitted;
        SubmittedAt = now;
        UpdatedAt = now;
        UpdatedBy = by;
        ReturnToReview = false;
        TotalPoints = score.Total;
        MaxPoints = score.Max;
        ProposedClassification = score.Proposed?.Code;
        return score;
    }
}
