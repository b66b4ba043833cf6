namespace AnBien.Bot.Storage;

/// <summary>One answer of a unit's collective assessment. Unique per (unit assessment, item).</summary>
public sealed class UnitAnswer
{
    public long Id { get; set; }
    public long UnitAssessmentId { get; set; }
    public required string ItemCode { get; set; }
    public required string ChoiceCode { get; set; }
    public int Points { get; set; }
}
