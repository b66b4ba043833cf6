namespace AnBien.Bot.Storage;

public sealed class GroupNote
{
    public long Id { get; set; }
    public long AssessmentId { get; set; }
    public required string GroupCode { get; set; }
    public required string Text { get; set; }
}
