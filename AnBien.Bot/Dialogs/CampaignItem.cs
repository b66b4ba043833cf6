using AnBien.Bot.Assessment;
using AnBien.Bot.Campaigns;

namespace AnBien.Bot.Dialogs;

/// <summary>One campaign question as the self-assessment asks it after the plan's items (docs/campaigns.md).</summary>
public sealed record CampaignItem(string CampaignName, CampaignQuestion Question, CatalogueScale Scale);
