using System.Net;
using System.Text.Json;
using AnBien.Bot.Conversations;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>POST /api/messages: Teams, Web Chat, Direct Line and the Bot Framework Emulator speak to the bot here.</summary>
public static partial class BotFrameworkEndpoints
{
    public static IEndpointRouteBuilder MapBotFramework(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        ConversationEngine engine,
        ConnectorClient connector,
        IOptions<BotFrameworkOptions> options,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var logger = loggers.CreateLogger("AnBien.Bot.Channels.BotFramework");
        var settings = options.Value;
        if (settings.IsLocalMode && !IsLoopback(http))
        {
            // Without credentials anyone could speak as anyone: the local mode is for this machine only.
            LogRejectedRemote(logger);
            return Results.Unauthorized();
        }

        if (http.Request.ContentLength > settings.MaxRequestBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

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

        if (activity.Type != "message")
        {
            // Other activity types (conversationUpdate, installationUpdate, invoke…) are acknowledged and ignored (spec A2014).
            return Results.Ok();
        }

        var incoming = ActivityMapper.ToIncoming(activity, identityVerified: settings.IsLocalMode);
        var result = await engine.HandleAsync(incoming, ct);
        foreach (var reply in result.Replies)
        {
            var outbound = ActivityMapper.ToActivity(reply, activity);
            _ = activity.Id is { Length: > 0 } replyTo
                ? await connector.ReplyAsync(activity.ServiceUrl!, activity.Conversation!.Id!, replyTo, outbound, ct)
                : await connector.SendToConversationAsync(activity.ServiceUrl!, activity.Conversation!.Id!, outbound, ct);
        }

        return Results.Ok();
    }

    private static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip ? IPAddress.IsLoopback(ip) : true;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated /api/messages request from a non-loopback address rejected (no MicrosoftAppId configured)")]
    private static partial void LogRejectedRemote(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed activity rejected with 400")]
    private static partial void LogMalformed(ILogger logger);
}
