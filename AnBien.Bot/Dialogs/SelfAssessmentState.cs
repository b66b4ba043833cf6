namespace AnBien.Bot.Dialogs;

/// <summary>What the self-assessment keeps with the conversation. Its step lives on the assessment row, so any channel resumes it.</summary>
public sealed class SelfAssessmentState
{
    public long? AssessmentId { get; set; }
}
