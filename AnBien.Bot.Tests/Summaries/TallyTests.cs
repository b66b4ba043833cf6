using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Summaries;

/// <summary>
/// The tallies the summaries read equal the submitted answers: after generation, after a submitted assessment is
/// edited, after one is erased with its person, and after a submission, on SQLite and PostgreSQL.
/// </summary>
public sealed class TallyTests
{
    [Fact]
    public Task TalliesFollowEveryChangeToSubmittedAnswersOnSqlite() => TalliesFollowAsync("Sqlite");

    [PostgresFact]
    public Task TalliesFollowEveryChangeToSubmittedAnswersOnPostgres() => TalliesFollowAsync("Postgres");

    private static async Task TalliesFollowAsync(string provider)
    {
        var (app, data) = await GeneratedOrganisation.CreateAsync(provider);
        await using var _ = app;

        // Generated rows, summed here from what the generator wrote.
        var expected = data.Submissions
            .SelectMany(s => s.Points.Select(p => (s.Month, s.UnitCode, Item: p.Key, p.Value)))
            .GroupBy(x => (x.Month, x.UnitCode, x.Item))
            .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(x => x.Value), g.Count(x => x.Value == 0), g.Count(x => x.Value < 0)));
        Assert.Equal(expected.OrderBy(e => e.Key).ToList(), (await ItemTalliesAsync(app)).OrderBy(e => e.Key).ToList());
        var submissions = data.Submissions.GroupBy(s => (s.Month, s.UnitCode)).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(s => s.Total)));
        Assert.Equal(submissions.OrderBy(e => e.Key).ToList(), (await SubmissionTalliesAsync(app)).OrderBy(e => e.Key).ToList());

        var form = app.Services.GetRequiredService<CatalogueRegistry>().Current;
        await using (var db = app.CreateDbContext())
        {
            // An edit after submission: the first item's answer moves to its last choice.
            var edited = await db.Assessments.Include(a => a.Answers)
                .Where(a => a.Status == AssessmentStatus.Submitted).OrderBy(a => a.Id).FirstAsync();
            var question = form.Questions.First(q => !q.Item.Breach);
            edited.Record(form, question, question.Scale.Choices[^1], app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        await using (var db = app.CreateDbContext())
        {
            // An erase removes the assessment; its answers go by cascade, unseen by the change tracker.
            var erased = await db.Assessments.Where(a => a.Status == AssessmentStatus.Submitted).OrderByDescending(a => a.Id).FirstAsync();
            db.Assessments.Remove(erased);
            // A submission completes one in progress.
            var open = await db.Assessments.Include(a => a.Answers).Where(a => a.Status == AssessmentStatus.InProgress).OrderBy(a => a.Id).FirstAsync();
            foreach (var q in form.Questions) open.Record(form, q, q.Scale.Choices[0], app.Clock.GetUtcNow());
            open.Submit(form, app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var raw = await RawItemFiguresAsync(app);
        Assert.NotEqual(expected.OrderBy(e => e.Key).ToList(), raw.OrderBy(e => e.Key).ToList());
        Assert.Equal(raw.OrderBy(e => e.Key).ToList(), (await ItemTalliesAsync(app)).OrderBy(e => e.Key).ToList());
        Assert.Equal((await RawSubmissionFiguresAsync(app)).OrderBy(e => e.Key).ToList(), (await SubmissionTalliesAsync(app)).OrderBy(e => e.Key).ToList());
        await AssertDerivedTalliesAsync(app, raw);

        // A database whose answers predate the tallies (emptied here) gets them rebuilt by the migration step.
        await using (var db = app.CreateDbContext())
        {
            await db.ItemTallies.ExecuteDeleteAsync();
            await db.SubmissionTallies.ExecuteDeleteAsync();
        }

        Assert.Empty(await ItemTalliesAsync(app));
        await app.Services.GetRequiredService<BotDbContextFactory>().MigrateAsync();
        Assert.Equal(raw.OrderBy(e => e.Key).ToList(), (await ItemTalliesAsync(app)).OrderBy(e => e.Key).ToList());
        Assert.Equal((await RawSubmissionFiguresAsync(app)).OrderBy(e => e.Key).ToList(), (await SubmissionTalliesAsync(app)).OrderBy(e => e.Key).ToList());
        await AssertDerivedTalliesAsync(app, raw);
    }

    /// <summary>
    /// The organisation's item tallies equal the raw answers summed over every unit (rows emptied by an erase may stay,
    /// at zero), and the classification tallies equal the submitted assessments counted per (unit, proposed, confirmed).
    /// </summary>
    private static async Task AssertDerivedTalliesAsync(BotApplication app, Dictionary<(string, string, string), (int, int, int, int)> raw)
    {
        var organisation = raw.GroupBy(r => (r.Key.Item1, r.Key.Item3))
            .ToDictionary(g => g.Key, g => (g.Sum(r => r.Value.Item1), g.Sum(r => r.Value.Item2), g.Sum(r => r.Value.Item3), g.Sum(r => r.Value.Item4)));
        await using var db = app.CreateDbContext();
        var stored = (await (from t in db.OrganisationItemTallies
                             join p in db.Periods on t.PeriodId equals p.Id
                             select new { p.Month, t.ItemCode, t.Answered, t.Points, t.Zero, t.Negative }).ToListAsync())
            .Where(t => t.Answered != 0 || organisation.ContainsKey((t.Month, t.ItemCode)))
            .ToDictionary(t => (t.Month, t.ItemCode), t => (t.Answered, t.Points, t.Zero, t.Negative));
        Assert.Equal(organisation.OrderBy(e => e.Key).ToList(), stored.OrderBy(e => e.Key).ToList());

        var assessments = await (from a in db.Assessments
                                 join p in db.Periods on a.PeriodId equals p.Id
                                 join u in db.Units on a.UnitId equals u.Id
                                 where a.Status == AssessmentStatus.Submitted
                                 select new { p.Month, u.Code, a.ProposedClassification, a.ConfirmedClassification }).ToListAsync();
        var classified = assessments.GroupBy(a => (a.Month, a.Code, a.ProposedClassification ?? "", a.ConfirmedClassification ?? ""))
            .ToDictionary(g => g.Key, g => g.Count());
        var tallies = await (from t in db.ClassificationTallies
                             join p in db.Periods on t.PeriodId equals p.Id
                             join u in db.Units on t.UnitId equals u.Id
                             select new { p.Month, u.Code, t.Proposed, t.Confirmed, t.Count }).ToListAsync();
        Assert.Equal(classified.OrderBy(e => e.Key).ToList(),
            tallies.ToDictionary(t => (t.Month, t.Code, t.Proposed, t.Confirmed), t => t.Count).OrderBy(e => e.Key).ToList());
    }

    private static async Task<Dictionary<(string, string, string), (int, int, int, int)>> ItemTalliesAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var rows = await (from t in db.ItemTallies
                          join p in db.Periods on t.PeriodId equals p.Id
                          join u in db.Units on t.UnitId equals u.Id
                          select new { p.Month, u.Code, t.ItemCode, t.Answered, t.Points, t.Zero, t.Negative }).ToListAsync();
        return rows.ToDictionary(r => (r.Month, r.Code, r.ItemCode), r => (r.Answered, r.Points, r.Zero, r.Negative));
    }

    private static async Task<Dictionary<(string, string), (int, int)>> SubmissionTalliesAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var rows = await (from t in db.SubmissionTallies
                          join p in db.Periods on t.PeriodId equals p.Id
                          join u in db.Units on t.UnitId equals u.Id
                          select new { p.Month, u.Code, t.Submitted, t.Points }).ToListAsync();
        return rows.GroupBy(r => (r.Month, r.Code)).ToDictionary(g => g.Key, g => (g.Sum(r => r.Submitted), g.Sum(r => r.Points)));
    }

    private static async Task<Dictionary<(string, string, string), (int, int, int, int)>> RawItemFiguresAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var rows = await (from x in db.Answers
                          join a in db.Assessments on x.AssessmentId equals a.Id
                          join u in db.Units on a.UnitId equals u.Id
                          where a.Status == AssessmentStatus.Submitted
                          select new { a.Period!.Month, u.Code, x.ItemCode, x.Points }).ToListAsync();
        return rows.GroupBy(r => (r.Month, r.Code, r.ItemCode))
            .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(r => r.Points), g.Count(r => r.Points == 0), g.Count(r => r.Points < 0)));
    }

    private static async Task<Dictionary<(string, string), (int, int)>> RawSubmissionFiguresAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var rows = await (from a in db.Assessments
                          join u in db.Units on a.UnitId equals u.Id
                          where a.Status == AssessmentStatus.Submitted
                          select new { a.Period!.Month, u.Code, Points = a.TotalPoints ?? 0 }).ToListAsync();
        return rows.GroupBy(r => (r.Month, r.Code)).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(r => r.Points)));
    }
}
