using AnBien.Bot.Assessment;
using AnBien.Bot.Privacy;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Summaries;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Assessment;

/// <summary>
/// The roster's submitted mark, which the not-submitted lists read, follows every change of submission state: a
/// submission, an edit after reopening, an un-submission, an erase, a removed assessment, a person added to an open
/// period, and a database whose marks predate the column. Stored rows, on SQLite and PostgreSQL.
/// </summary>
public sealed class SubmittedMarkTests
{
    [Fact]
    public Task TheMarkFollowsSubmitReopenAndEraseOnSqlite() => MarkFollowsAsync("Sqlite");

    [PostgresFact]
    public Task TheMarkFollowsSubmitReopenAndEraseOnPostgres() => MarkFollowsAsync("Postgres");

    private static async Task MarkFollowsAsync(string provider)
    {
        var (app, _) = await GeneratedOrganisation.CreateAsync(provider);
        await using var __ = app;
        var form = app.Services.GetRequiredService<CatalogueRegistry>().Current;

        // Generated through the service's saves: every mark equals "has a submitted assessment", and both kinds occur.
        var marks = await MarksAsync(app);
        Assert.Equal(await RawMarksAsync(app), marks);
        Assert.Contains(true, marks.Values);
        Assert.Contains(false, marks.Values);

        // A submission in the open month marks the person.
        var october = await PeriodIdAsync(app, "2026-10");
        long assessmentId;
        int staffId;
        await using (var db = app.CreateDbContext())
        {
            var open = await db.Assessments.Include(a => a.Answers)
                .Where(a => a.PeriodId == october && a.Status == AssessmentStatus.InProgress && db.Roster.Any(r => r.PeriodId == october && r.StaffId == a.StaffId))
                .OrderBy(a => a.Id).FirstAsync();
            (assessmentId, staffId) = (open.Id, open.StaffId);
            Assert.False(await MarkAsync(app, october, staffId));
            foreach (var q in form.Questions) open.Record(form, q, q.Scale.Choices[0], app.Clock.GetUtcNow());
            open.Submit(form, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        Assert.True(await MarkAsync(app, october, staffId));

        // Reopening the review to change an answer keeps the submission, and the mark.
        await using (var db = app.CreateDbContext())
        {
            var reopened = await db.Assessments.Include(a => a.Answers).SingleAsync(a => a.Id == assessmentId);
            var question = form.Questions.First(q => !q.Item.Breach);
            reopened.Record(form, question, question.Scale.Choices[^1], app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        Assert.True(await MarkAsync(app, october, staffId));

        // Should a reset ever set a submission back to in progress, the person is expected again.
        await using (var db = app.CreateDbContext())
        {
            (await db.Assessments.SingleAsync(a => a.Id == assessmentId)).Status = AssessmentStatus.InProgress;
            await db.SaveChangesAsync();
        }

        Assert.False(await MarkAsync(app, october, staffId));

        // An erased person's submissions stay counted under the pseudonym: their marks do not move.
        var september = await PeriodIdAsync(app, "2026-09");
        await using (var db = app.CreateDbContext())
        {
            var submitter = await db.Roster.Where(r => r.PeriodId == september && r.Submitted).OrderBy(r => r.StaffId).Select(r => r.Staff!.Code).FirstAsync();
            var person = await PersonFootprint.FindAsync(db, submitter, default);
            var erasedId = person!.Staff.Id;
            var before = (await MarksAsync(app)).Where(m => m.Key.StaffId == erasedId).ToList();
            Assert.Contains(before, m => m.Value);
            await app.Services.GetRequiredService<PersonalDataRemoval>().EraseAsync(db, person, default);
            Assert.Equal(before, (await MarksAsync(app)).Where(m => m.Key.StaffId == erasedId).ToList());
        }

        // A submitted assessment removed (with its answers) leaves the person expected.
        int removedStaff;
        await using (var db = app.CreateDbContext())
        {
            var removed = await db.Assessments.Where(a => a.PeriodId == september && a.Status == AssessmentStatus.Submitted)
                .OrderByDescending(a => a.Id).FirstAsync();
            removedStaff = removed.StaffId;
            Assert.True(await MarkAsync(app, september, removedStaff));
            db.Assessments.Remove(removed);
            await db.SaveChangesAsync();
        }

        Assert.False(await MarkAsync(app, september, removedStaff));

        // Someone added to the open period after submitting (here: their row dropped, then the roster synced) comes back marked.
        int rejoined;
        await using (var db = app.CreateDbContext())
        {
            rejoined = await db.Roster.Where(r => r.PeriodId == october && r.Submitted && db.Staff.Any(s => s.Id == r.StaffId && s.Active))
                .OrderBy(r => r.StaffId).Select(r => r.StaffId).FirstAsync();
            await db.Roster.Where(r => r.PeriodId == october && r.StaffId == rejoined).ExecuteDeleteAsync();
            await PeriodRoster.AddActiveStaffAsync(db, october, default);
        }

        Assert.True(await MarkAsync(app, october, rejoined));
        Assert.Equal(await RawMarksAsync(app), await MarksAsync(app));

        // A roster whose marks predate the column (all cleared here) gets them set by the migration step.
        await using (var db = app.CreateDbContext())
        {
            await db.Roster.ExecuteUpdateAsync(u => u.SetProperty(r => r.Submitted, false));
        }

        Assert.DoesNotContain(true, (await MarksAsync(app)).Values);
        await app.Services.GetRequiredService<BotDbContextFactory>().MigrateAsync();
        Assert.Equal(await RawMarksAsync(app), await MarksAsync(app));
    }

    private static async Task<int> PeriodIdAsync(BotApplication app, string month)
    {
        await using var db = app.CreateDbContext();
        return await db.Periods.Where(p => p.Month == month).Select(p => p.Id).SingleAsync();
    }

    private static async Task<bool> MarkAsync(BotApplication app, int periodId, int staffId)
    {
        await using var db = app.CreateDbContext();
        return await db.Roster.Where(r => r.PeriodId == periodId && r.StaffId == staffId).Select(r => r.Submitted).SingleAsync();
    }

    private static async Task<SortedDictionary<(int PeriodId, int StaffId), bool>> MarksAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var rows = await db.Roster.Select(r => new { r.PeriodId, r.StaffId, r.Submitted }).ToListAsync();
        return new SortedDictionary<(int, int), bool>(rows.ToDictionary(r => (r.PeriodId, r.StaffId), r => r.Submitted));
    }

    /// <summary>The marks as they should be, from the roster and the assessments read apart.</summary>
    private static async Task<SortedDictionary<(int PeriodId, int StaffId), bool>> RawMarksAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var roster = await db.Roster.Select(r => new { r.PeriodId, r.StaffId }).ToListAsync();
        var submitted = (await db.Assessments.Where(a => a.Status == AssessmentStatus.Submitted).Select(a => new { a.PeriodId, a.StaffId }).ToListAsync())
            .Select(a => (a.PeriodId, a.StaffId)).ToHashSet();
        return new SortedDictionary<(int, int), bool>(roster.ToDictionary(r => (r.PeriodId, r.StaffId), r => submitted.Contains((r.PeriodId, r.StaffId))));
    }
}
