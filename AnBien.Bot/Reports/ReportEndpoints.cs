using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Reports;

/// <summary>
/// The yearly workbook's signed link, signed as the summaries' links are (<see cref="SummaryLinks"/>, kind "report").
/// Anything wrong with it (tampered, expired, the person no longer on the council) is a 404, as for summaries.
/// </summary>
public static class ReportEndpoints
{
    public const string LinkKind = "report";

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/summaries/{LinkKind}/{{token}}", WorkbookAsync);
        return app;
    }

    private static async Task<IResult> WorkbookAsync(string token, SummaryLinks links, ReportDesk desk, YearlyWorkbook workbook,
        BotDbContextFactory databases, CancellationToken ct)
    {
        if (links.Read(LinkKind, token) is not { } link) return Results.NotFound();
        await using var db = databases.Create();
        var viewer = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == link.ViewerId, ct);
        if (viewer is null) return Results.NotFound();
        if (await desk.ForAsync(db, viewer, link.Request, ReportAudit.Workbook, ct) is not { } awards) return Results.NotFound();
        var stream = new MemoryStream();
        workbook.Write(awards, link.Language, stream);
        stream.Position = 0;
        return Results.File(stream, SummaryEndpoints.WorkbookContentType, $"bao-cao-{awards.Report.Period.Label.Replace("..", "_", StringComparison.Ordinal)}.xlsx");
    }
}
