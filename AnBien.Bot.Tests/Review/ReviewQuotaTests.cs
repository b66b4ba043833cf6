using AnBien.Bot.Review;
using StoredAssessment = AnBien.Bot.Storage.Assessment;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Review;

/// <summary>
/// Decree 335/2025's cap: "Hoàn thành xuất sắc nhiệm vụ" at most 20 % of those confirmed "Hoàn thành tốt nhiệm vụ" in the
/// same unit, without sub-units. Công chức of Phòng Văn hóa – Xã hội (VHXH) and of its sub-unit Tổ Y tế (YT) are
/// decided by the council member Hân (NV006).
/// </summary>
public sealed class ReviewQuotaTests
{
    private const string Excellent = "HTXSNV", Good = "HTTNV";

    private static async Task<List<long>> SeedAsync(BotApplication app, string unitCode, int people, string prefix)
    {
        await app.Chat().SayAsync("tự đánh giá");
        await using var db = app.CreateDbContext();
        var unit = await db.Units.SingleAsync(u => u.Code == unitCode);
        var period = await db.Periods.SingleAsync();
        var rows = new List<StoredAssessment>();
        for (var i = 1; i <= people; i++)
        {
            var person = new Staff { Code = $"{prefix}{i:00}", FullName = $"Công chức {prefix} {i}", UnitId = unit.Id, Category = StaffCategory.CongChuc };
            var a = new StoredAssessment
            {
                Staff = person, PeriodId = period.Id, UnitId = unit.Id, Status = AssessmentStatus.Submitted, StartedAt = app.Clock.GetUtcNow(),
                UpdatedAt = app.Clock.GetUtcNow(), SubmittedAt = app.Clock.GetUtcNow(), CatalogueId = "nd-335-2025-cong-chuc", CatalogueVersion = "2026.1",
                TaskPoints = 65, TotalPoints = 95, MaxPoints = 100, ProposedClassification = Excellent,
            };
            rows.Add(a);
            db.Assessments.Add(a);
        }

        await db.SaveChangesAsync();
        return rows.Select(a => a.Id).ToList();
    }

    private static async Task<ReviewOutcome> DecideAsync(BotApplication app, long id, string level, string? reason = null)
    {
        var desk = app.Services.GetRequiredService<ReviewDesk>();
        await using var db = app.CreateDbContext();
        var han = await db.Staff.SingleAsync(s => s.Code == "NV006");
        var a = await desk.OpenAsync(db, han, id, app.Clock.GetUtcNow(), default) ?? throw new InvalidOperationException("not reviewable");
        return await desk.DecideAsync(db, han, a, level, reason, app.Clock.GetUtcNow(), default);
    }

    [Fact]
    public async Task ExcellentIsCappedAtAFifthOfTheConfirmedGoodInTheSameUnit()
    {
        await using var app = await BotApplication.StartAsync();
        var unit = await SeedAsync(app, "VHXH", 7, "VH");
        var subUnit = await SeedAsync(app, "YT", 5, "YT");

        // Five confirmed "tốt" in the sub-unit do not count for its parent.
        foreach (var id in subUnit) Assert.Equal(ReviewOutcome.Done, await DecideAsync(app, id, Good, "Kết quả nhiệm vụ chưa vượt trội"));
        Assert.Equal(ReviewOutcome.QuotaFull, await DecideAsync(app, unit[0], Excellent));

        for (var i = 1; i <= 5; i++) Assert.Equal(ReviewOutcome.Done, await DecideAsync(app, unit[i], Good, "Kết quả nhiệm vụ chưa vượt trội"));
        Assert.Equal(ReviewOutcome.Done, await DecideAsync(app, unit[0], Excellent));
        Assert.Equal(ReviewOutcome.QuotaFull, await DecideAsync(app, unit[6], Excellent));

        await using var db = app.CreateDbContext();
        var desk = app.Services.GetRequiredService<ReviewDesk>();
        var last = await db.Assessments.Include(a => a.Period).SingleAsync(a => a.Id == unit[6]);
        var quota = await desk.QuotaAsync(db, last, await desk.FormAsync(db, last, default), Excellent, default);
        Assert.Equal((5, 0), (quota!.Basis, quota.Left));
        Assert.Null(last.ConfirmedClassification);
        Assert.Equal(1, await db.Assessments.CountAsync(a => a.UnitId == last.UnitId && a.ConfirmedClassification == Excellent));
        Assert.Contains(await db.Audit.ToListAsync(), e => e is { Actor: "NV006", Action: ReviewDesk.ConfirmAction, Outcome: "denied" });
    }

    [Fact]
    public async Task PlanOf2019QuotaIsNotEnforcedForStaffWithoutACategory()
    {
        await using var app = await BotApplication.StartAsync();
        var ids = await SeedAsync(app, "KT", 1, "KT");
        await using (var db = app.CreateDbContext())
        {
            var a = await db.Assessments.SingleAsync(x => x.Id == ids[0]);
            (a.CatalogueId, a.CatalogueVersion, a.TaskPoints) = (null, null, null);
            await db.SaveChangesAsync();
        }

        Assert.Equal(ReviewOutcome.Done, await DecideAsync(app, ids[0], Excellent));
    }
}
