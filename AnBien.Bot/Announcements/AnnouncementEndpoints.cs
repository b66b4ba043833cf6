using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Announcements;

/// <summary>
/// GET /announcements/xlsx/{token}: the delivery list a signed link from "tình hình thông báo" points to. Anything wrong
/// (forged, expired, the person no longer allowed) is a 404, and every opening or refusal leaves an audit row.
/// GET /announcements/image/{token}: an announcement's picture given as a file, for Zalo, which fetches it by address;
/// 404 when forged or expired. It is what every recipient sees, so it is not audited.
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
        app.MapGet("/" + AnnouncementLinks.ImagePath + "{token}", async (string token, AnnouncementLinks links, BotDbContextFactory databases,
            HttpContext http, CancellationToken ct) =>
        {
            if (links.ReadImage(token) is not { } id) return Results.NotFound();
            await using var db = databases.Create();
            var picture = await (from i in db.AnnouncementImages.AsNoTracking()
                                 join a in db.Announcements.AsNoTracking() on i.AnnouncementId equals a.Id
                                 where i.AnnouncementId == id
                                 select new { i.Data, a.ImageType }).SingleOrDefaultAsync(ct);
            if (picture?.ImageType is not { } type) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, max-age=86400";
            return Results.File(picture.Data, type);
        });
        return app;
    }
}
