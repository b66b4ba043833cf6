using System.Text.Json.Nodes;
using AnBien.Bot.Assessment;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Assessment;

/// <summary>
/// Rules as dated data (docs/rules.md): a period takes the catalogues in force when it opens, a công chức is scored on
/// Decree 335/2025's 100 points from 2026, and earlier periods keep the 2019 plan's percent levels. Hùng (NV007) is the
/// demo directory's công chức; Minh (NV002) heads his unit.
/// </summary>
public sealed class DatedRulesTests : IDisposable
{
    private const string Decree335 = "nd-335-2025-cong-chuc";
    private static readonly string Catalogues = Path.Combine(AppContext.BaseDirectory, "Resources", "catalogues");
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("anbien-catalogues-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private static ChatClient Hung(BotApplication app) => app.Chat("29:hung", "00000000-0000-4000-8000-000000000007");

    private static ChatClient Minh(BotApplication app) => app.Chat("29:minh", "00000000-0000-4000-8000-000000000002");

    private static async Task<IReadOnlyList<BotReply>> SubmitAsync(ChatClient chat, string answer)
    {
        await chat.SayAsync("tự đánh giá");
        var first = await chat.SayAsync("Bắt đầu");
        var review = await AssessmentWalk.AnswerAllAsync(chat, first[^1], _ => answer);
        return [review, .. await chat.SayAsync("Gửi")];
    }

    private static bool Says(IReadOnlyList<BotReply> replies, string text) => replies.Any(r => r.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task CongChucIn2026IsScoredOnAHundredPointsWithTheHeadsTaskResults()
    {
        await using var app = await BotApplication.StartAsync();

        var submitted = await SubmitAsync(Hung(app), "Thường xuyên");

        Assert.True(Says(submitted, "Tổng điểm: 30/30"), string.Join("\n", submitted));
        Assert.True(Says(submitted, "đề xuất: chờ thủ trưởng chấm phần kết quả thực hiện nhiệm vụ"), string.Join("\n", submitted));
        var minh = Minh(app);
        await minh.SayAsync("duyệt");
        var ask = await minh.SayAsync("Đặng Văn Hùng");
        Assert.True(Says(ask, "tự đánh giá tiêu chí chung 30/30 điểm. Anh/chị nhập điểm “Kết quả thực hiện nhiệm vụ” (từ 0 đến 70)"), string.Join("\n", ask));
        Assert.True(Says(await minh.SayAsync("71"), "từ 0 đến 70"));
        var detail = await minh.SayAsync("58");

        Assert.True(Says(detail, "Tổng điểm: 88/100"), string.Join("\n", detail));
        Assert.True(Says(detail, "Đề xuất xếp loại: Hoàn thành tốt nhiệm vụ"), string.Join("\n", detail));
        Assert.Equal(["Đồng ý", "Điều chỉnh", "Chấm lại nhiệm vụ", "Danh sách"], detail[^1].Buttons);
        var agreed = await minh.SayAsync("Đồng ý");
        Assert.True(Says(agreed, "Đã xác nhận “Hoàn thành tốt nhiệm vụ” cho Đặng Văn Hùng"), string.Join("\n", agreed));
        var results = await Hung(app).SayAsync("kết quả của tôi");
        Assert.True(Says(results, "Tháng 11/2026: 88/100 điểm (88%) – Hoàn thành tốt nhiệm vụ"), string.Join("\n", results));

        await using var db = app.CreateDbContext();
        var period = await db.Periods.SingleAsync();
        Assert.Equal(("kh-118-2019", $"{Decree335}@2026.1"), (period.CatalogueId, period.CatalogueVariants));
        var a = await db.Assessments.SingleAsync(x => x.Staff!.Code == "NV007");
        Assert.Equal((Decree335, 88, 100, 58, "HTTNV", "HTTNV"), (a.CatalogueId, a.TotalPoints, a.MaxPoints, a.TaskPoints, a.ProposedClassification, a.ConfirmedClassification));
        Assert.Contains(await db.Audit.ToListAsync(), e => e is { Actor: "NV002", Action: "review.tasks", Outcome: "allowed" });
    }

    [Fact]
    public async Task CongChucIn2025KeepsThe2019PercentScale()
    {
        await using var app = await BotApplication.StartAsync(now: new DateTimeOffset(2025, 11, 28, 9, 0, 0, TimeSpan.FromHours(7)));

        var submitted = await SubmitAsync(Hung(app), "Thường xuyên");

        Assert.True(Says(submitted, "Tổng điểm: 62/62"), string.Join("\n", submitted));
        Assert.True(Says(submitted, "đề xuất: Hoàn thành xuất sắc nhiệm vụ"), string.Join("\n", submitted));
        await using var db = app.CreateDbContext();
        var period = await db.Periods.SingleAsync();
        Assert.Equal(("2025-11", "kh-118-2019", null), (period.Month, period.CatalogueId, period.CatalogueVariants));
        var a = await db.Assessments.SingleAsync();
        Assert.Equal((null, 62, 62, "HTXSNV"), (a.CatalogueId, a.TotalPoints, a.MaxPoints, a.ProposedClassification));
    }

    [Fact]
    public async Task StaffWithoutACategoryKeepThe2019RulesIn2026()
    {
        await using var app = await BotApplication.StartAsync();

        var submitted = await SubmitAsync(app.Chat(), "Thường xuyên");

        Assert.True(Says(submitted, "Tổng điểm: 62/62"), string.Join("\n", submitted));
        await using var db = app.CreateDbContext();
        Assert.Null((await db.Assessments.SingleAsync()).CatalogueId);
    }

    [Fact]
    public async Task OldPeriodIsUnchangedWhenANewCatalogueFileArrives()
    {
        File.Copy(Path.Combine(Catalogues, "kh-118-2019.json"), Path.Combine(_folder, "kh-118-2019.json"));
        var settings = new Dictionary<string, string?> { ["Catalogue:Folder"] = _folder };
        await using var database = await TestDatabase.CreateAsync();
        await using (var app = BotApplication.StartOn(database, settings))
        {
            await SubmitAsync(app.Chat(), "Thường xuyên");
        }

        // A revised plan for everyone from December: fewer points are needed for the top level.
        var revised = JsonNode.Parse(File.ReadAllText(Path.Combine(Catalogues, "kh-118-2019.json")))!;
        revised["id"] = "kh-118-2026";
        revised["version"] = "2026.12";
        revised["effectiveFrom"] = "2026-12-01";
        revised["classification"]!["levels"]![0]!["minPercent"] = 85;
        File.WriteAllText(Path.Combine(_folder, "kh-118-2026.json"), revised.ToJsonString());
        var december = new DateTimeOffset(2026, 12, 26, 9, 0, 0, TimeSpan.FromHours(7));
        await using (var app = BotApplication.StartOn(database, settings, now: december))
        {
            await app.Chat().SayAsync("tự đánh giá");
            var registry = app.Services.GetRequiredService<CatalogueRegistry>();
            await using var db = app.CreateDbContext();
            var periods = await db.Periods.OrderBy(p => p.Month).ToListAsync();
            Assert.Equal([("2026-11", "kh-118-2019"), ("2026-12", "kh-118-2026")], periods.Select(p => (p.Month, p.CatalogueId)));
            var november = await registry.FormForAsync(db, periods[0], default);
            Assert.Equal(90, november.Catalogue.Classification.Levels[0].MinPercent);
            var a = await db.Assessments.SingleAsync(x => x.PeriodId == periods[0].Id);
            Assert.Equal((62, 62, "HTXSNV"), (a.TotalPoints, a.MaxPoints, a.ProposedClassification));
        }
    }

    [Fact]
    public async Task CatalogueFolderAndFileTogetherStopStartWithOneLine()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await BotApplication.StartAsync(settings: new()
            {
                ["Catalogue:Folder"] = Catalogues, ["Catalogue:File"] = Path.Combine(Catalogues, "kh-118-2019.json"),
            });
        });

        Assert.Contains("Set only one of Catalogue:Folder, Catalogue:Files or Catalogue:File.", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDecreeCatalogueMakesAHundredPointsAndSaysWhatIsUnconfirmed()
    {
        var c = CatalogueLoader.LoadFile(Path.Combine(Catalogues, Decree335 + ".json"));

        Assert.Equal((30, 70, 100), (new AssessmentForm(c).MaxPoints, c.Classification.TaskPart!.MaxPoints, c.Classification.MaxPoints));
        Assert.Equal(["cong_chuc"], c.Categories);
        Assert.Equal((new DateOnly(2026, 1, 1), "HTTNV", 20m), (c.EffectiveFrom, c.Classification.Levels[0].QuotaOf, c.Classification.Levels[0].QuotaPercent));
        Assert.All(c.Unconfirmed, u => Assert.StartsWith("UNCONFIRMED", u, StringComparison.Ordinal));
        Assert.NotEmpty(c.Unconfirmed);
    }

    [Fact]
    public void PointsBasisThatDoesNotMakeItsScaleIsRefused()
    {
        var json = File.ReadAllText(Path.Combine(Catalogues, Decree335 + ".json")).Replace("\"maxPoints\": 70", "\"maxPoints\": 60", StringComparison.Ordinal);

        var ex = Assert.Throws<CatalogueException>(() => CatalogueLoader.Parse(json, "nd.json"));

        Assert.Equal("$.classification.maxPoints", ex.Place);
        Assert.Contains("make 90, not 100", ex.Problem, StringComparison.Ordinal);
    }
}
