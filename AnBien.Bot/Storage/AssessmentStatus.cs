namespace AnBien.Bot.Storage;

public enum AssessmentStatus
{
    InProgress = 0,
    Submitted = 1,
}
