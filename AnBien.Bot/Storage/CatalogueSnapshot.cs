namespace AnBien.Bot.Storage;

/// <summary>The exact catalogue JSON a period was opened with, so a later edit of the file never changes an old month.</summary>
public sealed class CatalogueSnapshot
{
    public required string CatalogueId { get; set; }
    public required string Version { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset StoredAt { get; set; }
}
