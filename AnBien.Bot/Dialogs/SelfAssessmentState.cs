namespace AnBien.Bot.Dialogs;

/// <summary>What the self-assessment keeps with the conversation. Its step lives on the assessment row, so any channel resumes it.</summary>
public sealed class SelfAssessmentState
{
    public long? AssessmentId { get; set; }

    /// <summary>A note that looked like an answer, kept until the person confirms it ("Lưu ghi chú này?").</summary>
    public string? PendingNote { get; set; }
}
