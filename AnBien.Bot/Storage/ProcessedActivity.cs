namespace AnBien.Bot.Storage;

/// <summary>Marks an inbound activity as handled; written in the same transaction as its effects, so a redelivery changes nothing.</summary>
public sealed class ProcessedActivity
{
    public required string Channel { get; set; }
    public required string ActivityId { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}
