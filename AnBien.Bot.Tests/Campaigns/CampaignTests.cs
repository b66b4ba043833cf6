using AnBien.Bot.Admin;
using AnBien.Bot.Assessment;
using AnBien.Bot.Campaigns;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Campaigns;

/// <summary>Campaigns (docs/campaigns.md): which periods carry their questions, the command line, and their figures, on SQLite and PostgreSQL.</summary>
public sealed class CampaignTests
{
    private static readonly string Seed = Path.Combine(AppContext.BaseDirectory, "Resources", "campaigns", "ke-hoach-118.json");

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APeriodOpenedDuringACampaignCarriesItsQuestionsOneOpenedBeforeDoesNot(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider, now: new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(7)));
        var (code, output, _) = await RunAsync(app, "campaign", "add", "--from-file", Seed, "--from", "2026-12-01", "--to", "2027-01-31");
        Assert.Equal(0, code);
        Assert.Contains("\"Không có khói thuốc lá tại công sở và nơi công cộng\" 2026-12-01..2027-01-31, 2 question(s).", output, StringComparison.Ordinal);
        var ids = output.Trim().Split('\n')[^1].Split(' ').Select(int.Parse).ToList();
        Assert.Equal(3, ids.Count);

        var periods = app.Services.GetRequiredService<PeriodService>();
        await using (var db = app.CreateDbContext())
        {
            await periods.OpenAsync(db, "2026-11", null, default);
        }

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 26, 9, 0, 0, TimeSpan.FromHours(7)));
        await using (var db = app.CreateDbContext())
        {
            await periods.OpenAsync(db, "2026-12", null, default);
        }

        // A campaign added after December opened does not join it: the period keeps what it carried when it opened.
        (code, _, _) = await RunAsync(app, "campaign", "add", "--name", "Muộn", "--from", "2026-12-01", "--to", "2026-12-31");
        Assert.Equal(0, code);

        await using (var db = app.CreateDbContext())
        {
            var november = await db.Periods.SingleAsync(p => p.Month == "2026-11");
            var december = await db.Periods.SingleAsync(p => p.Month == "2026-12");
            Assert.Empty(november.CampaignIdList());
            Assert.Equal(ids, december.CampaignIdList());
            var carried = await CampaignStore.OfPeriodAsync(db, december, default);
            Assert.Equal(["KTL-1", "KTL-2", "RTN-1", "RTN-2", "VSMT-1"], carried.SelectMany(c => c.Questions).Select(q => q.Code));
            Assert.Equal("Thường xuyên", carried[0].Questions[0].Scale().Choices[0].Label);
        }

        (code, output, _) = await RunAsync(app, "campaign", "list");
        Assert.Equal(0, code);
        Assert.Contains("2026-12-01..2027-01-31  2 question(s)  0 announcement(s)  Không có khói thuốc lá tại công sở và nơi công cộng", output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CampaignFiguresEqualAnIndependentCountOfSubmittedAnswers(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider, now: new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(7)));
        Assert.Equal(0, (await RunAsync(app, "campaign", "add", "--from-file", Seed, "--from", "2026-11-01", "--to", "2026-12-31")).Code);
        await using var db = app.CreateDbContext();
        var period = await app.Services.GetRequiredService<PeriodService>().OpenAsync(db, "2026-11", null, default);
        var questions = await db.CampaignQuestions.OrderBy(q => q.Id).ToListAsync();
        var staff = await db.Staff.OrderBy(s => s.Id).ToListAsync();
        Assert.True(staff.Count >= 5);

        // Every person answers something; every third has not submitted, and those answers must not count.
        var random = new Random(118);
        var written = new List<(bool Submitted, int QuestionId, string Choice)>();
        foreach (var (person, i) in staff.Select((s, i) => (s, i)))
        {
            var submitted = i % 3 != 2;
            var assessment = new AnBien.Bot.Storage.Assessment
            {
                StaffId = person.Id, PeriodId = period.Id, UnitId = person.UnitId, StartedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
                Status = submitted ? AssessmentStatus.Submitted : AssessmentStatus.InProgress,
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            foreach (var q in questions.Where(_ => random.Next(4) > 0))
            {
                var choices = q.Scale().Choices;
                var choice = choices[random.Next(choices.Count)].Code;
                db.CampaignAnswers.Add(new CampaignAnswer { AssessmentId = assessment.Id, QuestionId = q.Id, ChoiceCode = choice, AnsweredAt = app.Clock.GetUtcNow() });
                written.Add((submitted, q.Id, choice));
            }
        }

        await db.SaveChangesAsync();
        var figures = await CampaignStore.FiguresAsync(db, [period], null, default);

        Assert.Equal(3, figures.Count);
        foreach (var q in questions)
        {
            var figure = figures.SelectMany(f => f.Questions).Single(x => x.Code == q.Code);
            var counted = written.Where(w => w.Submitted && w.QuestionId == q.Id).ToList();
            Assert.Equal(counted.Count, figure.Answered);
            Assert.Equal(q.Scale().Choices.Select(c => (c.Code, counted.Count(w => w.Choice == c.Code))), figure.Distribution.Select(d => (d.Choice.Code, d.Count)));
        }

        Assert.True(written.Any(w => w.Submitted) && written.Any(w => !w.Submitted));

        // The summary's json carries the same figures under "campaigns", every choice listed.
        var summary = await app.Services.GetRequiredService<SummaryService>().ComputeAsync(db, "XA", true, SummaryPeriod.Parse("2026-11"), default);
        var json = SummaryJson.ToNode(summary!)["campaigns"]!.AsArray();
        Assert.Equal("Không có rác thải nhựa tại công sở và ngoài cộng đồng", (string?)json[1]!["name"]);
        var first = questions[0];
        var node = json[0]!["questions"]![0]!;
        Assert.Equal(first.Code, (string?)node["code"]);
        Assert.Equal(written.Count(w => w.Submitted && w.QuestionId == first.Id), (int)node["answered"]!);
        Assert.Equal(written.Count(w => w.Submitted && w.QuestionId == first.Id && w.Choice == "TX"), (int)node["distribution"]!["TX"]!);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(BotApplication app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCommandLine.RunAsync(app.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
