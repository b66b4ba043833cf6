using System.Net;
using System.Text.Json;
using AnBien.Bot.Http;
using AnBien.Bot.Channels.Teams;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// POST /api/messages: Teams, Web Chat, Direct Line and the Bot Framework Emulator speak to the bot here. With
/// credentials configured the bearer token is verified before anything in the body is acted on (reference/botframework.md
/// §2): no or a bad token → 401, a signing key not endorsed for the activity's channel → 403.
/// </summary>
public static partial class BotFrameworkEndpoints
{
    public static IEndpointRouteBuilder MapBotFramework(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        app.MapPost("/api/messages", HandleAsync).WithRequestBodyLimit(settings.MaxRequestBytes)
            .AddEndpointFilter(new DatabaseOutageFilter(StatusCodes.Status503ServiceUnavailable));
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        ActivityHandler handler,
        BotTokenVerifier verifier,
        IOptions<BotFrameworkOptions> options,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var logger = loggers.CreateLogger("AnBien.Bot.Channels.BotFramework");
        var settings = options.Value;
        BotCaller caller;
        if (settings.IsLocalMode)
        {
            if (!IsLoopback(http))
            {
                // Without credentials anyone could speak as anyone: the local mode is for this machine only.
                LogRejectedRemote(logger);
                return Results.Unauthorized();
            }

            caller = BotCaller.Local;
        }
        else
        {
            try
            {
                var verified = await verifier.AuthenticateAsync(http.Request.Headers.Authorization.FirstOrDefault(), ct);
                if (verified is null) return Results.Unauthorized();
                caller = verified;
            }
            catch (HttpRequestException)
            {
                // The signing keys could not be fetched at all: the Connector may try again later.
                LogKeysUnavailable(logger);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, BotFrameworkJson.Options, ct);
        }
        catch (JsonException)
        {
            LogMalformed(logger);
            return Results.BadRequest(new { error = "The body is not a valid Activity JSON document." });
        }

        if (activity is null || !ActivityMapper.HasRequiredFields(activity))
        {
            LogMalformed(logger);
            return Results.BadRequest(new { error = "An activity needs type, conversation.id, from.id and serviceUrl." });
        }

        if (!ActivityMapper.IdsFit(activity))
        {
            LogMalformed(logger);
            return Results.BadRequest(new { error = "An id of the activity is longer than the bot stores." });
        }

        switch (caller.Check(activity))
        {
            case CallerVerdict.Forbidden:
                LogNotEndorsed(logger);
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            case CallerVerdict.Unauthorized:
                LogServiceUrlMismatch(logger);
                return Results.Unauthorized();
        }

        return await handler.HandleAsync(activity, caller, ct);
    }

    private static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip ? IPAddress.IsLoopback(ip) : true;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated /api/messages request from a non-loopback address rejected (no MicrosoftAppId configured)")]
    private static partial void LogRejectedRemote(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed activity rejected with 400")]
    private static partial void LogMalformed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot Framework signing keys unavailable; activity answered 503")]
    private static partial void LogKeysUnavailable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token signing key not endorsed for the activity's channel; answered 403")]
    private static partial void LogNotEndorsed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token serviceurl claim does not match the activity; answered 401")]
    private static partial void LogServiceUrlMismatch(ILogger logger);
}
