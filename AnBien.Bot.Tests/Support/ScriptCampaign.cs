using AnBien.Bot.Assessment;
using AnBien.Bot.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Support;

/// <summary>
/// A campaign of the seed file (Resources/campaigns/ke-hoach-118.json) running around the test's day and carried by the
/// periods open now, as if it had been added before they opened. Scripts ask for it with "Chiến dịch: &lt;name&gt;";
/// the demo period itself carries none, so every other script is unchanged.
/// </summary>
public static class ScriptCampaign
{
    private static readonly string Seed = Path.Combine(AppContext.BaseDirectory, "Resources", "campaigns", "ke-hoach-118.json");

    public static async Task<Campaign> AddAsync(BotApplication app, string name)
    {
        var definition = CampaignFile.ReadCampaigns(Seed).Single(c => c.Name == name);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await using var db = app.CreateDbContext();
        var campaign = await CampaignStore.AddAsync(db, definition with { From = today.AddMonths(-1), To = today.AddMonths(2) }, app.Clock.GetUtcNow(), default);
        foreach (var period in await app.Services.GetRequiredService<PeriodService>().FindAllOpenAsync(db, default))
        {
            period.CampaignIds = string.Join(' ', [.. period.CampaignIdList(), campaign.Id]);
        }

        await db.SaveChangesAsync();
        return campaign;
    }
}
