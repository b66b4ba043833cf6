namespace AnBien.Bot.Storage;

/// <summary>A monthly self-assessment period. It records the catalogue version it runs with so old months keep their questions.</summary>
public sealed class Period
{
    public int Id { get; set; }

    /// <summary>The month assessed, "yyyy-MM".</summary>
    public required string Month { get; set; }
    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public required string CatalogueId { get; set; }
    public required string CatalogueVersion { get; set; }

    /// <summary>
    /// The catalogues for particular staff categories in force when the period opened, as "id@version" separated by
    /// spaces (null: none, everyone uses <see cref="CatalogueId"/>). Fixed at opening, so a catalogue added later never
    /// changes an old month.
    /// </summary>
    public string? CatalogueVariants { get; set; }

    /// <summary>
    /// The campaigns whose extra questions the period carries, as ids separated by spaces (null: none). Fixed when the
    /// period opens, like <see cref="CatalogueVariants"/>, so a campaign added or moved later never changes an old month.
    /// </summary>
    public string? CampaignIds { get; set; }

    public IReadOnlyList<int> CampaignIdList() =>
        CampaignIds is null ? [] : [.. CampaignIds.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    public bool IsOpenAt(DateTimeOffset now) => ClosedAt is null && OpensAt <= now && now < ClosesAt;
}
