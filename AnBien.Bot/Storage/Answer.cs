namespace AnBien.Bot.Storage;

/// <summary>One answer to one catalogue item. Unique per (assessment, item).</summary>
public sealed class Answer
{
    public long Id { get; set; }
    public long AssessmentId { get; set; }
    public required string ItemCode { get; set; }
    public required string ChoiceCode { get; set; }
    public int Points { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
}
