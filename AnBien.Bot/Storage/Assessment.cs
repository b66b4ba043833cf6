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
}
