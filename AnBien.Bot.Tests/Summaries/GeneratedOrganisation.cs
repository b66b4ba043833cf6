using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Summaries;

/// <summary>
/// A small organisation with three months of generated self-assessments, written the way the service writes them, and
/// kept beside in plain lists so a test can compute every figure again on its own (LINQ over what was generated).
/// Tree: SO (root) → PA → PA1, SO → PB. Months 2026-08, 2026-09 (closed) and 2026-10 (open).
/// </summary>
public sealed class GeneratedOrganisation
{
    public static readonly string[] Months = ["2026-08", "2026-09", "2026-10"];

    public List<Expected> Roster { get; } = [];
    public List<Submission> Submissions { get; } = [];
    public required AssessmentForm Form { get; init; }

    public sealed record Expected(string Month, string StaffCode, string UnitCode);

    public sealed record Submission(string Month, string StaffCode, string UnitCode, IReadOnlyDictionary<string, int> Points, int Total, int Max,
        string Proposed, string? Confirmed, string? GoodDeed);

    /// <summary>Starts the service at 26/08/2026 on <paramref name="provider"/> and generates the three months.</summary>
    public static async Task<(BotApplication App, GeneratedOrganisation Data)> CreateAsync(string provider, int seed = 7, Dictionary<string, string?>? settings = null)
    {
        var app = await BotApplication.StartAsync(provider, settings, demo: false, now: new DateTimeOffset(2026, 8, 26, 9, 0, 0, TimeSpan.FromHours(7)));
        var form = app.Services.GetRequiredService<CatalogueRegistry>().Current;
        var data = new GeneratedOrganisation { Form = form };
        var random = new Random(seed);
        await using (var db = app.CreateDbContext())
        {
            var so = new Unit { Code = "SO", Name = "Sở Nội vụ" };
            var pa = new Unit { Code = "PA", Name = "Phòng Tổ chức", Parent = so };
            var pa1 = new Unit { Code = "PA1", Name = "Tổ Biên chế", Parent = pa };
            var pb = new Unit { Code = "PB", Name = "Phòng Cải cách hành chính", Parent = so };
            db.Units.AddRange(so, pa, pa1, pb);
            Unit[] units = [so, pa, pa1, pb];
            for (var i = 1; i <= 36; i++)
            {
                db.Staff.Add(new Staff { Code = $"CB{i:000}", FullName = $"Cán bộ Thứ {i}", Unit = units[i % 4] });
            }

            db.Staff.Add(new Staff { Code = "TP-A", FullName = "Trưởng phòng Tổ chức", Unit = pa, Roles = StaffRoles.Staff | StaffRoles.UnitHead });
            db.Staff.Add(new Staff { Code = "TP-B", FullName = "Trưởng phòng Cải cách", Unit = pb, Roles = StaffRoles.Staff | StaffRoles.UnitHead });
            db.Staff.Add(new Staff { Code = "HD", FullName = "Thành viên Hội đồng", Unit = so, Roles = StaffRoles.Staff | StaffRoles.Council });
            await db.SaveChangesAsync();
        }

        foreach (var month in Months)
        {
            if (month == "2026-09")
            {
                // Between periods the directory changes: one person moves, one leaves. Past months must not notice.
                await using var db = app.CreateDbContext();
                var mover = await db.Staff.SingleAsync(s => s.Code == "CB002");
                mover.UnitId = (await db.Units.SingleAsync(u => u.Code == "PB")).Id;
                (await db.Staff.SingleAsync(s => s.Code == "CB004")).Active = false;
                await db.SaveChangesAsync();
            }

            await data.GenerateMonthAsync(app, month, random);
            if (month != Months[^1]) app.Clock.Advance(TimeSpan.FromDays(month == "2026-08" ? 31 : 30));
        }

        return (app, data);
    }

    private async Task GenerateMonthAsync(BotApplication app, string month, Random random)
    {
        var periods = app.Services.GetRequiredService<PeriodService>();
        await using var db = app.CreateDbContext();
        var period = await periods.OpenAsync(db, month, null, default);
        var people = await db.Staff.Where(s => s.Active).Select(s => new { s.Id, s.Code, s.UnitId, Unit = s.Unit!.Code }).OrderBy(s => s.Code).ToListAsync();
        var levels = Form.Catalogue.Classification.Levels;
        var now = app.Clock.GetUtcNow();
        foreach (var person in people)
        {
            Roster.Add(new Expected(month, person.Code, person.Unit));
            var roll = random.NextDouble();
            if (roll > 0.85) continue;
            var answers = new Dictionary<string, string>();
            var points = new Dictionary<string, int>();
            var answered = roll > 0.72 ? random.Next(1, 10) : Form.Questions.Count;
            foreach (var q in Form.Questions.Take(answered))
            {
                var choices = q.Scale.Choices;
                var choice = q.Item.Breach
                    ? choices[random.NextDouble() < 0.9 ? 0 : 1]
                    : choices[random.NextDouble() switch { < 0.55 => 0, < 0.85 => 1, _ => 2 }];
                answers[q.Item.Code] = choice.Code;
                points[q.Item.Code] = choice.Points;
            }

            var assessment = new AnBien.Bot.Storage.Assessment
            {
                StaffId = person.Id,
                PeriodId = period.Id,
                UnitId = person.UnitId,
                StartedAt = now,
                UpdatedAt = now,
                Answers = answers.Select(a => new Answer { ItemCode = a.Key, ChoiceCode = a.Value, Points = points[a.Key], AnsweredAt = now }).ToList(),
            };
            if (answered == Form.Questions.Count)
            {
                var score = ScoreCard.Compute(Form, answers);
                assessment.Status = AssessmentStatus.Submitted;
                assessment.SubmittedAt = now;
                assessment.TotalPoints = score.Total;
                assessment.MaxPoints = score.Max;
                assessment.ProposedClassification = score.Proposed!.Code;
                assessment.ConfirmedClassification = random.NextDouble() < 0.4 ? levels[random.Next(levels.Count)].Code : null;
                assessment.GoodDeed = random.NextDouble() < 0.25 ? $"Giúp đồng nghiệp ({person.Code}, {month})" : null;
                if (random.NextDouble() < 0.15) assessment.Notes.Add(new GroupNote { GroupCode = "CN-G", Text = $"Sáng kiến của {person.Code}" });
                Submissions.Add(new Submission(month, person.Code, person.Unit, points, score.Total, score.Max, score.Proposed.Code,
                    assessment.ConfirmedClassification, assessment.GoodDeed));
            }

            db.Assessments.Add(assessment);
        }

        await db.SaveChangesAsync();
        if (month != Months[^1]) await periods.CloseAsync(db, month, default);
    }
}
