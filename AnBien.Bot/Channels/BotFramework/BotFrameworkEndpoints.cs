using System.Text.Json;
using AnBien.Bot.Http;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// POST /api/messages: Teams, Web Chat, Direct Line and the Bot Framework Emulator speak to the bot here. With
/// credentials configured the bearer token is verified before anything in the body is acted on (docs/protocols/botframework.md
/// §2): no or a bad token → 401, a signing key not endorsed for the activity's channel → 403.
/// </summary>
public static partial class BotFrameworkEndpoints
{
    public static IEndpointRouteBuilder MapBotFramework(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        var environment = app.ServiceProvider.GetRequiredService<IHostEnvironment>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("AnBien.Bot.Channels.BotFramework");
        if (settings.ServesLocalMode(environment))
        {
            if (environment.IsDevelopment()) LogLocalModeDevelopment(logger);
            else LogLocalModeAllowed(logger);
        }
        else if (settings.IsLocalMode)
        {
            LogLocalModeRefused(logger, environment.EnvironmentName);
        }

        app.MapPost("/api/messages", HandleAsync).WithRequestBodyLimit(settings.MaxRequestBytes)
            .AddEndpointFilter(new DatabaseOutageFilter(StatusCodes.Status503ServiceUnavailable));
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        ActivityHandler handler,
        BotTokenVerifier verifier,
        IOptions<BotFrameworkOptions> options,
        IHostEnvironment environment,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var logger = loggers.CreateLogger("AnBien.Bot.Channels.BotFramework");
        var settings = options.Value;
        BotCaller caller;
        if (settings.IsLocalMode)
        {
            if (!settings.ServesLocalMode(environment))
            {
                LogLocalRequestRefused(logger);
                return Results.Unauthorized();
            }

            if (LocalRequests.IsForwarded(http.Request) || !LocalRequests.IsLoopback(http))
            {
                // Without credentials anyone could speak as anyone: the local mode is for this machine only, and a request
                // a proxy forwarded comes from elsewhere even when the proxy runs on this machine.
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

        if (!ServiceUrls.IsWellFormed(activity.ServiceUrl!))
        {
            LogMalformed(logger);
            return Results.BadRequest(new { error = "serviceUrl must be an absolute http(s) URL without credentials, query or fragment." });
        }

        if (caller == BotCaller.Local && !ServiceUrls.IsLoopback(activity.ServiceUrl!))
        {
            // No token vouches for the serviceUrl: replies could be sent anywhere the bot can reach (a request relay).
            LogLocalServiceUrlRefused(logger);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "LOCAL MODE (no MicrosoftAppId) enabled by the Development environment: unauthenticated loopback requests on /api/messages act as any person they claim")]
    private static partial void LogLocalModeDevelopment(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "LOCAL MODE (no MicrosoftAppId) enabled by BotFramework:AllowLocalMode outside Development: unauthenticated loopback requests on /api/messages act as any person they claim. Never use this behind a reverse proxy or on a shared host")]
    private static partial void LogLocalModeAllowed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No MicrosoftAppId configured in the {Environment} environment: /api/messages refuses every request with 401. Configure the Bot Framework credentials, or set BotFramework:AllowLocalMode=true for a local test")]
    private static partial void LogLocalModeRefused(ILogger logger, string environment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated /api/messages request refused: no MicrosoftAppId configured and local mode is not allowed here")]
    private static partial void LogLocalRequestRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local mode activity with a serviceUrl that is not on loopback refused with 403")]
    private static partial void LogLocalServiceUrlRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated /api/messages request from a non-loopback address or through a proxy rejected (no MicrosoftAppId configured)")]
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
