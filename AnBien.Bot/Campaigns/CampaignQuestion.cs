using System.Text.Json;
using AnBien.Bot.Assessment;

namespace AnBien.Bot.Campaigns;

/// <summary>
/// One extra question of a campaign. Its choices use the catalogue's scale shape (<see cref="CatalogueScale"/>), so
/// answers are matched without diacritics like every other answer; they are never scored against the plan's maximum.
/// </summary>
public sealed class CampaignQuestion
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public required string Code { get; set; }
    public required string Text { get; set; }

    /// <summary>The choices as JSON (a list of <see cref="ScaleChoice"/>), kept whole so a later edit cannot reorder old answers.</summary>
    public required string ChoicesJson { get; set; }
    public int Position { get; set; }

    public CatalogueScale Scale() => new() { Choices = JsonSerializer.Deserialize<List<ScaleChoice>>(ChoicesJson, JsonSerializerOptions.Web) ?? [] };
}
