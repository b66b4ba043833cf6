using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Support;

/// <summary>Puts the demo staff within reach of the fake channel and lets them submit, for tests of what is pushed to them.</summary>
public static class FakeChannelPeople
{
    /// <summary>Gives every active staff member a chat account the fake channel reaches; returns their ids by code.</summary>
    public static async Task<Dictionary<string, int>> LinkEveryoneAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var staff = await db.Staff.Where(s => s.Active).ToDictionaryAsync(s => s.Code, s => s.Id);
        foreach (var (code, id) in staff)
        {
            db.ChannelAccounts.Add(new ChannelAccount
            {
                Channel = "fake", ChannelUserId = code, StaffId = id, LinkedBy = "test",
                LinkedAt = app.Clock.GetUtcNow(), LastInteractionAt = app.Clock.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync();
        return staff;
    }

    /// <summary>Records a submitted (empty) assessment for the person in the only period.</summary>
    public static async Task SubmitAsync(BotApplication app, int staffId)
    {
        await using var db = app.CreateDbContext();
        var period = await db.Periods.SingleAsync();
        var staff = await db.Staff.SingleAsync(s => s.Id == staffId);
        var now = app.Clock.GetUtcNow();
        db.Assessments.Add(new AnBien.Bot.Storage.Assessment
        {
            StaffId = staffId, PeriodId = period.Id, UnitId = staff.UnitId, Status = AssessmentStatus.Submitted,
            StartedAt = now, UpdatedAt = now, SubmittedAt = now,
        });
        await db.SaveChangesAsync();
    }
}
