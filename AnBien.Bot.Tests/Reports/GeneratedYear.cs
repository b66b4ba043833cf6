using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Reports;

/// <summary>
/// A year (2026-01 to 2026-12) of generated self-assessments in a small organisation, written the way the service
/// writes them and kept beside in plain lists, so a test can pick award candidates again on its own. People differ on
/// purpose: most submit nearly every month, every seventh misses three months, some report breaches; half of PC's members rarely submit,
/// so its participation is low. CB002 moves from PA1 to PB in July; CB004 leaves in October. Good deeds name colleagues by
/// full name or staff code.
/// Tree: SO (root) → PA → PA1, SO → PB, SO → PC.
/// </summary>
public sealed class GeneratedYear
{
    public static readonly string[] Months = Enumerable.Range(1, 12).Select(m => $"2026-{m:00}").ToArray();

    public List<Expected> Roster { get; } = [];
    public List<Submission> Submissions { get; } = [];
    public List<Deed> Deeds { get; } = [];
    public required AssessmentForm Form { get; init; }

    public sealed record Expected(string Month, string StaffCode, string UnitCode);

    public sealed record Submission(string Month, string StaffCode, string UnitCode, int Total, int Max, string Proposed, string? Confirmed, int Breaches);

    /// <summary>A good deed and whom it names (null: nobody).</summary>
    public sealed record Deed(string Month, string AuthorCode, string? NamedCode);

    public static string FullName(int i) => $"Cán bộ Thứ {i}";

    public static async Task<(BotApplication App, GeneratedYear Data)> CreateAsync(string provider, int seed = 11, Dictionary<string, string?>? settings = null)
    {
        var app = await BotApplication.StartAsync(provider, settings, demo: false, now: new DateTimeOffset(2026, 1, 26, 9, 0, 0, TimeSpan.FromHours(7)));
        var data = new GeneratedYear { Form = app.Services.GetRequiredService<CatalogueRegistry>().Current };
        var random = new Random(seed);
        await using (var db = app.CreateDbContext())
        {
            var so = new Unit { Code = "SO", Name = "Sở Nội vụ" };
            var pa = new Unit { Code = "PA", Name = "Phòng Tổ chức", Parent = so };
            var pa1 = new Unit { Code = "PA1", Name = "Tổ Biên chế", Parent = pa };
            var pb = new Unit { Code = "PB", Name = "Phòng Cải cách hành chính", Parent = so };
            var pc = new Unit { Code = "PC", Name = "Phòng Công chức", Parent = so };
            db.Units.AddRange(so, pa, pa1, pb, pc);
            Unit[] units = [so, pa, pa1, pb, pc];
            for (var i = 1; i <= 40; i++) db.Staff.Add(new Staff { Code = $"CB{i:000}", FullName = FullName(i), Unit = units[i % 5] });
            db.Staff.Add(new Staff { Code = "HD", FullName = "Thành viên Hội đồng", Unit = so, Roles = StaffRoles.Staff | StaffRoles.Council });
            await db.SaveChangesAsync();
        }

        foreach (var month in Months)
        {
            if (month is "2026-07" or "2026-10")
            {
                await using var db = app.CreateDbContext();
                if (month == "2026-07") (await db.Staff.SingleAsync(s => s.Code == "CB002")).UnitId = (await db.Units.SingleAsync(u => u.Code == "PB")).Id;
                else (await db.Staff.SingleAsync(s => s.Code == "CB004")).Active = false;
                await db.SaveChangesAsync();
            }

            await data.GenerateMonthAsync(app, month, random);
            if (month != Months[^1])
            {
                var next = DateOnly.ParseExact(month + "-26", "yyyy-MM-dd").AddMonths(1);
                app.Clock.SetUtcNow(new DateTimeOffset(next.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7)));
            }
        }

        return (app, data);
    }

    /// <summary>
    /// Whether the person submits a month: in PC half the people rarely (so the unit's participation is low while its
    /// other half would qualify), every seventh person misses three months, the rest nearly always submit.
    /// </summary>
    private static bool Submits(int number, string unit, string month, Random random) => unit switch
    {
        "PC" => random.NextDouble() < (number % 10 == 4 ? 0.97 : 0.3),
        // Every seventh person misses February, June and October: one month short of the default rule.
        _ when number % 7 == 0 => int.Parse(month[5..]) % 4 != 2,
        _ => random.NextDouble() < 0.96,
    };

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
            var number = person.Code.StartsWith("CB", StringComparison.Ordinal) ? int.Parse(person.Code[2..]) : 0;
            var submits = Submits(number, person.Unit, month, random);
            var inProgress = !submits && random.NextDouble() < 0.3;
            if (!submits && !inProgress) continue;

            // Every fifth person sometimes reports a breach; the others never do.
            var breachRate = number % 5 == 3 ? 0.2 : 0;
            var answers = new Dictionary<string, string>();
            foreach (var q in Form.Questions.Take(submits ? Form.Questions.Count : 3))
            {
                var choices = q.Scale.Choices;
                var choice = q.Item.Breach
                    ? choices[random.NextDouble() < breachRate ? 1 : 0]
                    : choices[random.NextDouble() switch { < 0.6 => 0, < 0.9 => 1, _ => 2 }];
                answers[q.Item.Code] = choice.Code;
            }

            var assessment = new AnBien.Bot.Storage.Assessment
            {
                StaffId = person.Id,
                PeriodId = period.Id,
                UnitId = person.UnitId,
                StartedAt = now,
                UpdatedAt = now,
                Answers = answers.Select(a => new Answer
                {
                    ItemCode = a.Key, ChoiceCode = a.Value, AnsweredAt = now,
                    Points = Form.ByCode[a.Key].Scale.Choices.Single(c => c.Code == a.Value).Points,
                }).ToList(),
            };
            if (submits)
            {
                var score = ScoreCard.Compute(Form, answers);
                assessment.Status = AssessmentStatus.Submitted;
                assessment.SubmittedAt = now;
                assessment.TotalPoints = score.Total;
                assessment.MaxPoints = score.Max;
                assessment.ProposedClassification = score.Proposed!.Code;
                if (random.NextDouble() < 0.85)
                {
                    assessment.ConfirmedClassification = random.NextDouble() switch { < 0.25 => levels[0].Code, < 0.85 => levels[1].Code, < 0.95 => levels[2].Code, _ => levels[3].Code };
                }

                if (random.NextDouble() < 0.2)
                {
                    // A deed naming a colleague by full name, by staff code, or nobody.
                    var other = random.Next(1, 41);
                    var otherCode = $"CB{other:000}";
                    (assessment.GoodDeed, var named) = random.Next(3) switch
                    {
                        0 => ($"Giúp đồng chí {FullName(other)} hoàn thành hồ sơ", otherCode),
                        1 => ($"Cùng {otherCode} dọn vệ sinh cơ quan", otherCode),
                        _ => ("Nhặt được ví, trả lại người đánh rơi", null),
                    };
                    Deeds.Add(new Deed(month, person.Code, named == person.Code ? null : named));
                }

                var breaches = score.Breaches.Count;
                Submissions.Add(new Submission(month, person.Code, person.Unit, score.Total, score.Max, score.Proposed!.Code, assessment.ConfirmedClassification, breaches));
            }

            db.Assessments.Add(assessment);
        }

        await db.SaveChangesAsync();
        if (month != Months[^1]) await periods.CloseAsync(db, month, default);
    }
}
