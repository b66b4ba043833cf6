using AnBien.Bot.Admin;
using AnBien.Bot.Conversations;
using AnBien.Bot.Http;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// POST /api/zalo: Zalo's webhook. The signature is checked on the raw bytes before anything else; the event is
/// stored and acknowledged at once (Zalo wants 200 within 2 s and retries otherwise, docs/protocols/zalo.md §1.2), and
/// handled afterwards by <see cref="ZaloInboxProcessor"/>. Also the OA's OAuth callback and two admin endpoints.
/// </summary>
public static partial class ZaloEndpoints
{
    public static IEndpointRouteBuilder MapZalo(this IEndpointRouteBuilder app)
    {
        var maxWebhookBytes = app.ServiceProvider.GetRequiredService<IOptions<ZaloOptions>>().Value.MaxWebhookBytes;
        app.MapPost("/api/zalo", ReceiveAsync).WithRequestBodyLimit(maxWebhookBytes)
            .AddEndpointFilter(new DatabaseOutageFilter(StatusCodes.Status503ServiceUnavailable));

        // No verification handshake is documented (docs/protocols/zalo.md §1.1); answer a GET in case the console probes.
        app.MapGet("/api/zalo", () => Results.Ok());
        app.MapGet("/api/zalo/oauth-callback", CallbackAsync);

        var admin = app.MapGroup("/api/admin/zalo").AddEndpointFilter<AdminApiKeyFilter>();
        admin.MapPost("/authorize-url", AuthorizeUrlAsync);
        admin.MapPost("/exchange", ExchangeAsync);
        return app;
    }

    /// <summary>A Zalo set-up that is missing a setting is the administrator's to fix: 409 naming it, not a 500.</summary>
    private static async Task<IResult> AuthorizeUrlAsync(ZaloAuthorization authorization, CancellationToken ct)
    {
        try
        {
            return Results.Ok(new { url = (await authorization.StartAsync(ct)).ToString() });
        }
        catch (InvalidOperationException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http,
        IOptions<ZaloOptions> options,
        ZaloSignatureVerifier verifier,
        BotDbContextFactory databases,
        ZaloInboxSignal signal,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.Enabled) return Results.NotFound();
        var logger = loggers.CreateLogger("AnBien.Bot.Channels.Zalo");
        if (http.Request.ContentLength > settings.MaxWebhookBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        var body = await ReadBodyAsync(http.Request, settings.MaxWebhookBytes, ct);
        if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        var evt = ZaloWebhookEvent.Parse(body);
        var header = http.Request.Headers["X-ZEvent-Signature"].ToString();
        if (evt is null || !verifier.IsValid(body, header, evt.TimestampText))
        {
            LogRejected(logger, string.IsNullOrEmpty(header) ? "missing signature" : "wrong signature");
            return Results.Unauthorized();
        }

        // Until the signature formula is confirmed on a real OA, the app id is checked too (docs/protocols/zalo.md §1.3).
        if (evt.AppId is { } appId && appId != settings.AppId)
        {
            LogRejected(logger, "another app_id");
            return Results.Unauthorized();
        }

        if (evt.OccurredAt is not { } occurred || clock.GetUtcNow() - occurred > settings.MaxEventAge)
        {
            // Signed, but too old for the de-duplication to recognise a replay: refused. Zalo's own retries never get here.
            LogRejected(logger, "event too old or without a timestamp");
            return Results.BadRequest();
        }

        if (evt.UserId is { } claimed && !IsUserId(claimed))
        {
            // Zalo's user ids are short digit strings; anything else would be refused by the database later (PostgreSQL
            // takes no NUL), after the 200, and hold up every other event without a user behind it.
            LogRejected(logger, "malformed user id");
            return Results.BadRequest();
        }

        var row = new ZaloInboxEvent
        {
            DedupeKey = Truncate(PlainText.Clean(evt.DedupeKey)!, 256),
            EventName = Truncate(PlainText.Clean(evt.EventName) ?? "unknown", 64),
            UserId = evt.UserId,
            Body = System.Text.Encoding.UTF8.GetString(body),
            ReceivedAt = clock.GetUtcNow(),
        };
        await using var db = databases.Create();
        if (!await db.ZaloInbox.AnyAsync(e => e.DedupeKey == row.DedupeKey, ct))
        {
            db.ZaloInbox.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                signal.Notify();
            }
            catch (DbUpdateException)
            {
                // A redelivery racing this one loses on the unique key; anything else is a real failure (Zalo retries).
                await using var check = databases.Create();
                if (!await check.ZaloInbox.AnyAsync(e => e.DedupeKey == row.DedupeKey, ct)) throw;
            }
        }
        else
        {
            LogRedelivery(logger, row.EventName);
        }

        return Results.Ok();
    }

    private static async Task<IResult> CallbackAsync(string? code, string? state, ZaloAuthorization authorization, ILoggerFactory loggers, CancellationToken ct)
    {
        // Reached by a browser, anyone's: only a callback that carries the state of the authorisation in progress may
        // spend the verifier on a token exchange. (An administrator who has the code without the redirect pastes it
        // through the admin API, which checks the admin key instead.)
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(state)) return Results.BadRequest("Thiếu code hoặc state.");
        try
        {
            await authorization.CompleteAsync(code, state, ct);
            return Results.Text("Đã ủy quyền Zalo OA cho AnBien.Bot. Có thể đóng trang này.", "text/plain; charset=utf-8");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return Results.BadRequest(ex.Message);
        }
        catch (Exception ex) when (IsUpstreamFailure(ex, ct))
        {
            LogUpstreamFailed(loggers.CreateLogger("AnBien.Bot.Channels.Zalo"), ex.GetType().Name);
            return Results.Text("Không liên lạc được với Zalo. Hãy thử lại sau ít phút.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static async Task<IResult> ExchangeAsync(ExchangeRequest request, ZaloAuthorization authorization, ILoggerFactory loggers, CancellationToken ct)
    {
        try
        {
            await authorization.CompleteAsync(request.Code ?? "", request.State, ct);
            return Results.Ok(new { authorized = true });
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return Results.BadRequest(new { error = ex.Message });
        }
        catch (Exception ex) when (IsUpstreamFailure(ex, ct))
        {
            LogUpstreamFailed(loggers.CreateLogger("AnBien.Bot.Channels.Zalo"), ex.GetType().Name);
            return Results.Json(new { error = "Zalo could not be reached; try again." }, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static bool IsUpstreamFailure(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException or System.Text.Json.JsonException || (ex is OperationCanceledException && !ct.IsCancellationRequested);

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Truncate(string value, int max) => PlainText.Cut(value, max);

    /// <summary>At most 32 visible ASCII characters (the ZaloUsers key); Zalo's own ids are 16 to 19 digits.</summary>
    private static bool IsUserId(string id) => id.Length is > 0 and <= 32 && id.All(c => c is > ' ' and < '\x7F');

    public sealed record ExchangeRequest(string? Code, string? State);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo webhook rejected with 401: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo OAuth token exchange failed upstream ({Error}); answered 502")]
    private static partial void LogUpstreamFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo redelivered a {EventName} event; already stored")]
    private static partial void LogRedelivery(ILogger logger, string eventName);
}
