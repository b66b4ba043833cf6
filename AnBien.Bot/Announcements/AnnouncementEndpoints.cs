using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Announcements;

/// <summary>
/// GET /announcements/xlsx/{token}: the delivery list a signed link from "tình hình thông báo" points to. Anything wrong
/// (forged, expired, the person no longer allowed) is a 404, and every opening or refusal leaves an audit row.
/// </summary>
public static class AnnouncementEndpoints
{
    public static IEndpointRouteBuilder MapAnnouncements(this IEndpointRouteBuilder app)
    {
        app.MapGet("/" + AnnouncementLinks.Path + "{token}", async (string token, AnnouncementLinks links, AnnouncementAccess access,
            AnnouncementWorkbook workbook, SummaryAudit audit, BotDbContextFactory databases, HttpContext http, CancellationToken ct) =>
        {
            if (links.Read(token) is not var (viewerId, id, language)) return Results.NotFound();
            await using var db = databases.Create();
            var viewer = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == viewerId && s.Active, ct);
            var announcement = await db.Announcements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
            if (viewer is null || announcement is null) return Results.NotFound();
            var allowed = access.MaySend(viewer) && AnnouncementReport.MayFollow(viewer, announcement);
            await audit.WriteAsync(db, viewer.Code, AnnouncementAccess.WorkbookAction, $"#{id}", allowed ? SummaryAudit.Allowed : SummaryAudit.Denied, ct);
            if (!allowed) return Results.NotFound();
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            var stream = new MemoryStream();
            await workbook.WriteAsync(db, announcement, language, stream, ct);
            stream.Position = 0;
            return Results.File(stream, AnnouncementWorkbook.ContentType, $"thong-bao-{id}.xlsx");
        });
        return app;
    }
}
