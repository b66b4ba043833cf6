using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Summaries;

/// <summary>
/// The signed links' targets. Anything wrong with a link (tampered, expired, the person no longer allowed) is a 404:
/// the link reveals nothing about why, and a refusal still leaves its audit row.
/// </summary>
public static class SummaryEndpoints
{
    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapSummaries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/summaries");
        group.MapGet($"/{SummaryLinks.WorkbookKind}/{{token}}", WorkbookAsync);
        group.MapGet($"/{SummaryLinks.ChartKind}/{{token}}", ChartAsync);
        return app;
    }

    private static async Task<IResult> WorkbookAsync(string token, SummaryLinks links, SummaryDesk desk, SummaryWorkbook workbook,
        BotDbContextFactory databases, CancellationToken ct)
    {
        await using var db = databases.Create();
        if (await OpenAsync(db, links, desk, SummaryLinks.WorkbookKind, SummaryAudit.Workbook, token, ct) is not var (summary, language)) return Results.NotFound();
        var stream = new MemoryStream();
        await workbook.WriteAsync(db, summary, language, stream, ct);
        stream.Position = 0;
        return Results.File(stream, WorkbookContentType, $"tong-hop-{summary.UnitCode}-{summary.Period.Label.Replace("..", "_", StringComparison.Ordinal)}.xlsx");
    }

    private static async Task<IResult> ChartAsync(string token, SummaryLinks links, SummaryDesk desk, TextCatalog texts,
        BotDbContextFactory databases, CancellationToken ct)
    {
        await using var db = databases.Create();
        if (await OpenAsync(db, links, desk, SummaryLinks.ChartKind, SummaryAudit.Chart, token, ct) is not var (summary, language)) return Results.NotFound();
        return Results.File(SummaryChart.Render(texts, language, summary), "image/png");
    }

    private static async Task<(UnitSummary Summary, string Language)?> OpenAsync(BotDbContext db, SummaryLinks links, SummaryDesk desk,
        string kind, string action, string token, CancellationToken ct)
    {
        if (links.Read(kind, token) is not { } link) return null;
        var viewer = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == link.ViewerId, ct);
        if (viewer is null) return null;
        var outcome = await desk.ForAsync(db, viewer, link.Request, action, ct);
        return outcome.Summary is { } summary ? (summary, link.Language) : null;
    }
}
