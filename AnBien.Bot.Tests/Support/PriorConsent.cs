using AnBien.Bot.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Support;

/// <summary>
/// For channel tests about something other than consent: the people have already agreed to the privacy notice in force
/// (say, on another channel), so a verified identity links them at once and an activation code links without the notice,
/// exactly as the service behaves for them. Tests of the consent step itself do not call this.
/// </summary>
public static class PriorConsent
{
    public static async Task AgreedEarlierAsync(this BotApplication app, params string[] staffCodes)
    {
        var consent = app.Services.GetRequiredService<ConsentService>();
        await using var db = app.CreateDbContext();
        foreach (var code in staffCodes.Length == 0 ? ["NV001"] : staffCodes)
        {
            var staff = await db.Staff.SingleAsync(s => s.Code == code);
            consent.RecordAgreement(db, staff.Id, "webchat");
        }

        await db.SaveChangesAsync();
    }
}
