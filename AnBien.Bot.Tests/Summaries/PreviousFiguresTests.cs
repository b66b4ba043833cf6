using System.Text.Json.Nodes;
using AnBien.Bot.Conversations;
using AnBien.Bot.Summaries;
using AnBien.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Summaries;

/// <summary>
/// The chat reply, the workbook and the push read the previous period without its lists: its figures still equal an
/// independent calculation, the reply's text is the same as with the lists, and the JSON says the lists were not read
/// (null) rather than showing them empty. On SQLite and PostgreSQL.
/// </summary>
public sealed class PreviousFiguresTests
{
    [Fact]
    public Task ThePreviousPeriodByItsFiguresAloneOnSqlite() => PreviousByFiguresAsync("Sqlite");

    [PostgresFact]
    public Task ThePreviousPeriodByItsFiguresAloneOnPostgres() => PreviousByFiguresAsync("Postgres");

    private static async Task PreviousByFiguresAsync(string provider)
    {
        var (app, data) = await GeneratedOrganisation.CreateAsync(provider);
        await using var _ = app;
        var service = app.Services.GetRequiredService<SummaryService>();
        var texts = app.Services.GetRequiredService<TextCatalog>();
        await using var db = app.CreateDbContext();
        string[] organisation = ["SO", "PA", "PA1", "PB"];
        var september = SummaryPeriod.Parse("2026-09");

        var full = await service.ComputeAsync(db, "SO", true, september, previousLists: true, default);
        var figures = await service.ComputeAsync(db, "SO", true, september, previousLists: false, default);

        new IndependentFigures(data, organisation, ["2026-09"]).AssertMatches(figures!);
        var august = new IndependentFigures(data, organisation, ["2026-08"]);
        var previous = figures!.Previous!;
        Assert.True(previous.ListsOmitted);
        Assert.Empty(previous.NotSubmitted);
        Assert.Equal((august.Expected, august.Submitted, august.AveragePercent), (previous.Expected, previous.Submitted, previous.AveragePercent));
        Assert.Equal(august.Groups, previous.Groups.ToDictionary(g => g.Code, g => g.AveragePercent));
        Assert.Equal(august.Items, previous.Items.ToDictionary(i => i.Code, i => (i.AveragePoints, i.NotDoneCount, i.BreachCount)));
        Assert.Equal(august.Proposed, previous.Classifications.Where(c => c.Proposed > 0).ToDictionary(c => c.Code, c => c.Proposed));
        Assert.Equal(august.Confirmed, previous.Classifications.Where(c => c.Confirmed > 0).ToDictionary(c => c.Code, c => c.Confirmed));

        foreach (var language in new[] { TextCatalog.Vietnamese, TextCatalog.English })
        {
            Assert.Equal(SummaryText.Render(texts, language, full!), SummaryText.Render(texts, language, figures));
        }

        var json = JsonNode.Parse(SummaryJson.Write(figures))!["previous"]!.AsObject();
        Assert.Null(json["notSubmitted"]);
        Assert.Null(json["goodDeeds"]);
        Assert.Equal(august.Expected, (int)json["expected"]!);
        Assert.False(full!.Previous!.ListsOmitted);
        Assert.Equal(august.NotSubmitted, JsonNode.Parse(SummaryJson.Write(full))!["previous"]!["notSubmitted"]!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal));
    }
}
