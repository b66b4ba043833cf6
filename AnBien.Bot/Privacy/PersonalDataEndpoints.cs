using AnBien.Bot.Storage;

namespace AnBien.Bot.Privacy;

public static class PersonalDataEndpoints
{
    /// <summary>GET /my-data/{token}?format=json|xlsx: the export a signed link from "dữ liệu của tôi" points to.</summary>
    public static IEndpointRouteBuilder MapPersonalData(this IEndpointRouteBuilder app)
    {
        app.MapGet(PersonalDataLinks.Path + "{token}", async (string token, string? format, PersonalDataLinks links,
            PersonalDataExport export, BotDbContextFactory databases, HttpContext http, CancellationToken ct) =>
        {
            if (links.Read(token) is not { } staffId) return Results.NotFound();
            await using var db = databases.Create();
            if (await export.ExportAsync(db, staffId, ct) is not { } document) return Results.NotFound();
            // The link is the credential: keep the answer out of shared caches and browser history where possible.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            if (format == "xlsx")
            {
                var stream = new MemoryStream();
                PersonalDataWorkbook.Write(document, stream);
                stream.Position = 0;
                return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "du-lieu-cua-toi.xlsx");
            }

            return Results.Text(document.ToJsonString(PersonalDataExport.Indented), "application/json; charset=utf-8");
        });
        return app;
    }
}
