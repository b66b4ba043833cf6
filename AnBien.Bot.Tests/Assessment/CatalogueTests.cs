using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;

namespace AnBien.Bot.Tests.Assessment;

public sealed class CatalogueTests
{
    private static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Resources", "catalogues", "kh-118-2019.json");

    [Fact]
    public void DefaultCatalogueFollowsThePlan()
    {
        var catalogue = CatalogueLoader.LoadFile(DefaultPath);

        Assert.Equal(["a", "b", "c", "d", "đ", "e", "g"], catalogue.Individual.Groups.Select(g => g.Letter));
        var d = catalogue.Individual.Groups.Single(g => g.Letter == "d");
        Assert.Equal("Thực hiện chuẩn mực trong giao tiếp, ứng xử", d.Title);
        Assert.Equal(
            ["Xin chào", "Xin lỗi", "Xin cảm ơn", "Xin phép", "Luôn mỉm cười", "Luôn nhẹ nhàng", "Luôn lắng nghe", "Luôn giúp đỡ"],
            d.Items.Skip(1).Take(8).Select(i => i.Text));
        Assert.Equal(["a", "b", "c", "d", "đ", "e", "g", "h"], catalogue.Collective!.Groups.Select(g => g.Letter));
        Assert.All(catalogue.Individual.Groups.SelectMany(g => g.Items).Where(i => i.Text.Length > 120), i => Assert.False(string.IsNullOrEmpty(i.Hint)));
        Assert.Equal(3, catalogue.Individual.Groups.SelectMany(g => g.Items).Count(i => i.Breach));
        Assert.Equal(2, catalogue.Scales["frequency"].Choices.Single(c => c.Label == "Thường xuyên").Points);
    }

    [Fact]
    public void ScoreCountsBreachesAgainstTheTotalAndProposesAClassification()
    {
        var form = new AssessmentForm(CatalogueLoader.LoadFile(DefaultPath));
        var answers = form.Questions.ToDictionary(q => q.Item.Code, q => q.Item.Breach ? "KXR" : "TX");
        Assert.Equal(("HTXSNV", 66, 66), (ScoreCard.Compute(form, answers).Proposed.Code, ScoreCard.Compute(form, answers).Total, form.MaxPoints));

        answers["CN-DD-VP1"] = "CXR";
        foreach (var code in form.Questions.Take(10).Select(q => q.Item.Code)) answers[code] = "DK";
        var score = ScoreCard.Compute(form, answers);

        Assert.Equal(54, score.Total); // 66 − 10 (Đôi khi) − 2 (breach)
        Assert.Equal(81.8m, score.Percent);
        Assert.Equal("Hoàn thành tốt nhiệm vụ", score.Proposed.Label);
        Assert.Equal("CN-DD-VP1", score.Breaches.Single().Item.Code);
    }

    [Fact]
    public void BrokenJsonNamesTheFileAndTheLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\n  \"id\": \"x\",\n  \"version\": 1.0.0\n}");
        try
        {
            var ex = Assert.Throws<CatalogueException>(() => CatalogueLoader.LoadFile(path));
            Assert.Equal(path, ex.File);
            Assert.StartsWith("line 3", ex.Place, StringComparison.Ordinal);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DuplicateItemCodeIsReportedWithItsPlace()
    {
        var json = File.ReadAllText(DefaultPath).Replace("\"CN-A-2\"", "\"CN-A-1\"", StringComparison.Ordinal);

        var ex = Assert.Throws<CatalogueException>(() => CatalogueLoader.Parse(json, "kh.json"));

        Assert.Equal("$.individual.groups[0].items[1].code", ex.Place);
        Assert.Equal("code 'CN-A-1' is used twice", ex.Problem);
    }

    [Fact]
    public void LeaderItemsAreLeftOutOfAStaffMembersFormAndItsMaximum()
    {
        var full = new AssessmentForm(CatalogueLoader.LoadFile(DefaultPath));

        var staff = full.For(StaffRoles.Staff);

        Assert.Equal((36, 66), (full.Questions.Count, full.MaxPoints));
        Assert.Equal((34, 62), (staff.Questions.Count, staff.MaxPoints));
        Assert.DoesNotContain(staff.Questions, q => q.Item.Code is "CN-C-4" or "CN-D-4");
        Assert.True(staff.ByCode["CN-C-3"].IsLastInGroup);
        Assert.Same(full, full.For(StaffRoles.Staff | StaffRoles.Leader));
        Assert.Same(full, full.For(StaffRoles.Staff | StaffRoles.UnitHead));
    }

    [Fact]
    public void UnknownItemRoleIsReported()
    {
        var json = File.ReadAllText(DefaultPath).Replace("\"leader\"", "\"boss\"", StringComparison.Ordinal);

        var ex = Assert.Throws<CatalogueException>(() => CatalogueLoader.Parse(json, "kh.json"));

        Assert.EndsWith(".roles", ex.Place, StringComparison.Ordinal);
        Assert.Contains("role 'boss' is unknown", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownScaleIsReported()
    {
        var json = File.ReadAllText(DefaultPath).Replace("\"scale\": \"breach\"", "\"scale\": \"nope\"", StringComparison.Ordinal);

        var ex = Assert.Throws<CatalogueException>(() => CatalogueLoader.Parse(json, "kh.json"));

        Assert.EndsWith(".scale", ex.Place, StringComparison.Ordinal);
        Assert.Contains("'nope' is not defined", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceRefusesToStartWithABrokenCatalogue()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"id\": ");
        try
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var app = await BotApplication.StartAsync(settings: new() { ["Catalogue:File"] = path });
            });
            var error = ex as CatalogueException ?? ex.InnerException as CatalogueException;
            Assert.NotNull(error);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
