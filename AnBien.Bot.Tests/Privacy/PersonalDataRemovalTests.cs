using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Privacy;

public sealed class PersonalDataRemovalTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnonymiseAndEraseLeaveThePastSummariesUnchanged(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        await PersonalDataExportTests.SeedTwoPeopleAsync(app);
        await using (var db = app.CreateDbContext())
        {
            // A second period and a second unit, so the figures have more than one cell to get wrong.
            var september = await PersonSeed.PeriodAsync(db, "2026-09", new DateTimeOffset(2026, 10, 5, 17, 0, 0, TimeSpan.Zero));
            foreach (var (code, first, second) in new[] { ("NV001", 1, 1), ("NV004", 2, 0), ("NV005", 1, 2) })
            {
                await PersonSeed.AssessmentAsync(db, await db.Staff.SingleAsync(s => s.Code == code), september, first, second, code);
            }

            await PersonSeed.AssessmentAsync(db, await db.Staff.SingleAsync(s => s.Code == "NV004"),
                await db.Periods.SingleAsync(p => p.Month == "2026-10"), 0, 1, "NV004");
        }

        var before = await SummaryFiguresAsync(app);
        Assert.Equal(4, before.Count); // two periods, two units

        var (code1, anonymised, _) = await PersonalDataExportTests.RunAsync(app, "person", "anonymise", "NV002");
        var (code2, erased, _) = await PersonalDataExportTests.RunAsync(app, "person", "erase", "NV001");
        Assert.Equal((0, 0), (code1, code2));
        Assert.StartsWith("NV002 anonymised as AN-", anonymised, StringComparison.Ordinal);
        Assert.StartsWith("NV001 erased:", erased, StringComparison.Ordinal);

        Assert.Equal(before, await SummaryFiguresAsync(app));
        await using var check = app.CreateDbContext();
        Assert.False(await check.Staff.AnyAsync(s => s.Code == "NV001" || s.Code == "NV002" || s.FullName == "Nguyễn Thị Lan" || s.FullName == "Trần Văn Minh"));
        Assert.False(await check.Staff.AnyAsync(s => s.Phone == "0900000001" || s.Phone == "0900000002" || s.Email!.StartsWith("lan.") || s.Email!.StartsWith("minh.")));

        // Anonymised: the record stays (notes, good deeds, accounts under pseudonyms), the chat side is gone.
        var minhCode = anonymised.Trim().Split(' ')[3].TrimEnd(';');
        var minh = await check.Staff.SingleAsync(s => s.Code == minhCode);
        Assert.Equal(minh.Code, minh.FullName);
        Assert.Equal(["note of MINH7"], await check.GroupNotes.Where(n => check.Assessments.Any(a => a.Id == n.AssessmentId && a.StaffId == minh.Id)).Select(n => n.Text).ToListAsync());
        var minhAccounts = await check.ChannelAccounts.Where(a => a.StaffId == minh.Id).ToListAsync();
        Assert.Equal(3, minhAccounts.Count);
        Assert.All(minhAccounts, a => Assert.StartsWith(minh.Code, a.ChannelUserId, StringComparison.Ordinal));
        Assert.All(minhAccounts, a => Assert.Null(a.ConversationReference));

        // Erased: only scores remain under the pseudonym; free text, links and chats are gone.
        var lanCode = erased.Trim().Split(' ')[^1].TrimEnd('.');
        var lan = await check.Staff.SingleAsync(s => s.Code == lanCode);
        var lanAssessments = await check.Assessments.Include(a => a.Answers).Include(a => a.Notes).Where(a => a.StaffId == lan.Id).ToListAsync();
        Assert.Equal(2, lanAssessments.Count);
        Assert.All(lanAssessments, a => Assert.Equal((null, 0, 2), (a.GoodDeed, a.Notes.Count, a.Answers.Count)));
        Assert.False(await check.ChannelAccounts.AnyAsync(a => a.StaffId == lan.Id));
        Assert.False(await check.ActivationCodes.AnyAsync(c => c.StaffId == lan.Id));
        Assert.False(await check.Consents.AnyAsync(c => c.StaffId == lan.Id));
        Assert.False(await check.ZaloLinkRequests.AnyAsync(r => r.StaffId == lan.Id));

        // Neither person's chats, chat logs or Zalo events remain, whoever's they were.
        foreach (var marker in new[] { "LAN3", "MINH7" })
        {
            Assert.False(await check.Conversations.AnyAsync(c => c.ConversationId.Contains(marker)), marker);
            Assert.False(await check.WebChatConversations.AnyAsync(c => c.Id.Contains(marker)), marker);
            Assert.False(await check.WebChatActivities.AnyAsync(a => a.Json.Contains(marker)), marker);
            Assert.False(await check.TeamsConversations.AnyAsync(c => c.UserId.Contains(marker)), marker);
            Assert.False(await check.ZaloUsers.AnyAsync(u => u.UserId.Contains(marker)), marker);
            Assert.False(await check.ZaloInbox.AnyAsync(e => e.Body.Contains(marker)), marker);
            Assert.False(await check.ZaloLinkRequests.AnyAsync(r => r.ZaloUserId.Contains(marker)), marker);
        }
    }

    /// <summary>Per unit and period: who took part, their average percentage, and the points of every item.</summary>
    private static async Task<List<string>> SummaryFiguresAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var rows = await db.Assessments.AsNoTracking().Where(a => a.SubmittedAt != null)
            .Select(a => new { a.Period!.Month, a.UnitId, a.TotalPoints, a.MaxPoints, Points = a.Answers.Select(x => x.ItemCode + "=" + x.Points).ToList() })
            .ToListAsync();
        return rows.GroupBy(r => (r.Month, r.UnitId)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key.Month} unit {g.Key.UnitId}: {g.Count()} took part, average {g.Average(r => 100.0 * r.TotalPoints!.Value / r.MaxPoints!.Value):0.00}%, "
                + string.Join(",", g.SelectMany(r => r.Points).Order(StringComparer.Ordinal)))
            .ToList();
    }
}
