using System.Globalization;
using System.Text.Json;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Http;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// The client side of Direct Line 3.0 (docs/protocols/botframework.md §8), served by the bot itself, so the Bot Framework's
/// Web Chat and other Direct Line clients talk to it as they would to the Azure service. Every conversation call needs
/// a token for that very conversation: another conversation's token gets 403.
/// </summary>
public static partial class DirectLineEndpoints
{
    public const string CorsPolicy = "directline";
    public const string StartPolicy = "webchat-start";
    public const string RefreshPolicy = "webchat-refresh";
    private const int MaxActivitiesPerRead = 500;

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v3/directline").RequireCors(CorsPolicy)
            .AddEndpointFilter(new DatabaseOutageFilter(StatusCodes.Status502BadGateway));
        group.MapPost("/tokens/generate", GenerateAsync).RequireRateLimiting(StartPolicy).AddEndpointFilter<CrossOriginFilter>();
        // Refresh takes the optional policy so that another site's page is refused (CrossOriginFilter) before a missing
        // token is: a bad token is still refused by the scheme, a missing one below.
        group.MapPost("/tokens/refresh", RefreshAsync).RequireRateLimiting(RefreshPolicy).AddEndpointFilter<CrossOriginFilter>()
            .RequireAuthorization(DirectLineAuthenticationHandler.OptionalPolicy);
        group.MapPost("/conversations", StartAsync).RequireRateLimiting(StartPolicy).AddEndpointFilter<CrossOriginFilter>()
            .RequireAuthorization(DirectLineAuthenticationHandler.OptionalPolicy);
        // Every conversation call: a valid token for this very conversation, checked once by the policy.
        var conversations = group.MapGroup("/conversations").RequireAuthorization(DirectLineAuthenticationHandler.Policy);
        conversations.MapGet("/{conversationId}", ReconnectAsync);
        var maxActivityBytes = app.ServiceProvider.GetRequiredService<IOptions<WebChatOptions>>().Value.MaxActivityBytes;
        conversations.MapPost("/{conversationId}/activities", PostActivityAsync).WithRequestBodyLimit(maxActivityBytes);
        conversations.MapGet("/{conversationId}/activities", GetActivitiesAsync);
        group.MapGet("/conversations/{conversationId}/stream", DirectLineStream.HandleAsync);
        return app;
    }

    /// <summary>
    /// Anyone may start a conversation: the page is public, and until a person links (activation code, or the demo
    /// picker) the bot only explains how to link. So there is no Direct Line secret, the user id is always ours (a
    /// requested one is ignored), and starts are rate-limited per address.
    /// </summary>
    private static async Task<IResult> GenerateAsync(WebChatTokens tokens, WebChatStore store, CancellationToken ct)
    {
        var (userId, conversationId) = (WebChatTokens.NewUserId(), WebChatTokens.NewConversationId());
        await store.StartConversationAsync(conversationId, userId, ct);
        var token = tokens.Issue(WebChatToken.Conversation, userId, conversationId, tokens.Options.TokenLifetime);
        return Results.Ok(new DirectLineConversation(conversationId, token, Seconds(tokens.Options.TokenLifetime), null));
    }

    /// <summary>
    /// A valid token buys a fresh one for the same conversation; an expired or foreign one gets 403 (DirectLineJS reads
    /// that as "expired"), and a token for a conversation that was never started gets 404: a token alone must not keep
    /// a conversation alive that does not exist.
    /// </summary>
    private static async Task<IResult> RefreshAsync(HttpContext http, WebChatTokens tokens, WebChatStore store, CancellationToken ct)
    {
        if (DirectLineAuthenticationHandler.GrantOf(http.User) is not { } grant) return Results.Unauthorized();
        if (await store.FindConversationAsync(grant.ConversationId!, ct) is null) return Results.NotFound();
        var token = tokens.Issue(WebChatToken.Conversation, grant.UserId, grant.ConversationId, tokens.Options.TokenLifetime);
        return Results.Ok(new DirectLineConversation(grant.ConversationId!, token, Seconds(tokens.Options.TokenLifetime), null));
    }

    private static async Task<IResult> StartAsync(HttpContext http, WebChatTokens tokens, WebChatStore store, CancellationToken ct)
    {
        // The optional policy has already refused a bad token: here there is a valid one, or none.
        var (token, grant) = DirectLineAuthenticationHandler.GrantOf(http.User) is { } existing
            ? (DirectLineAuthenticationHandler.BearerText(http.Request)!, existing)
            : tokens.IssueGrant(WebChatToken.Conversation, WebChatTokens.NewUserId(), WebChatTokens.NewConversationId(), tokens.Options.TokenLifetime);

        var created = await store.StartConversationAsync(grant.ConversationId!, grant.UserId, ct);
        var body = Conversation(http, tokens, grant, token, watermark: null);
        return created ? Results.Created($"/v3/directline/conversations/{grant.ConversationId}", body) : Results.Ok(body);
    }

    /// <summary>Reconnect: a new stream URL that resumes after the client's watermark.</summary>
    private static async Task<IResult> ReconnectAsync(HttpContext http, string conversationId, string? watermark, WebChatTokens tokens, WebChatStore store, CancellationToken ct)
    {
        if (await store.FindConversationAsync(conversationId, ct) is null) return Results.NotFound();
        var grant = DirectLineAuthenticationHandler.GrantOf(http.User)!;
        return Results.Ok(Conversation(http, tokens, grant, DirectLineAuthenticationHandler.BearerText(http.Request)!, ParseWatermark(watermark)));
    }

    private static async Task<IResult> PostActivityAsync(HttpContext http, string conversationId, WebChatStore store, WebChatRelay relay, ILogger<WebChatRelay> logger, CancellationToken ct)
    {
        // The policy has checked that the token opens this conversation (DirectLineConversationRequirement).
        var grant = DirectLineAuthenticationHandler.GrantOf(http.User)!;
        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, BotFrameworkJson.Options, ct);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            LogMalformed(logger);
            return Results.BadRequest(new { error = new { code = "BadArgument", message = "The body must be an Activity with a type." } });
        }

        if (await store.FindConversationAsync(conversationId, ct) is null) return Results.NotFound();
        if (activity.Type != "message")
        {
            // Typing and events from the client are acknowledged; the engine only answers messages (spec A2014).
            return Results.Ok(new { id = $"{conversationId}|{Guid.NewGuid():N}" });
        }

        var id = await relay.PostAsync(grant, activity, ct);
        return id is null
            ? Results.Json(new { error = new { code = "BotError", message = "The bot could not answer." } }, statusCode: StatusCodes.Status502BadGateway)
            : Results.Ok(new { id });
    }

    private static async Task<IResult> GetActivitiesAsync(string conversationId, string? watermark, WebChatStore store, CancellationToken ct)
    {
        var (activities, last) = await store.ReadAsync(conversationId, ParseWatermark(watermark) ?? 0, MaxActivitiesPerRead, ct);
        return Results.Ok(new { activities, watermark = last.ToString(CultureInfo.InvariantCulture) });
    }

    internal static DirectLineConversation Conversation(HttpContext http, WebChatTokens tokens, WebChatToken grant, string token, long? watermark)
    {
        // The stream URL travels in the clear in logs and history, so it carries its own token, valid one minute
        // (clients must connect within 60 s, docs/protocols/botframework.md §8).
        var streamToken = tokens.Issue(WebChatToken.Stream, grant.UserId, grant.ConversationId, TimeSpan.FromMinutes(1));
        var request = http.Request;
        var scheme = request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(grant.ConversationId!)}/stream?t={streamToken}";
        if (watermark is { } w) url += $"&watermark={w.ToString(CultureInfo.InvariantCulture)}";
        return new DirectLineConversation(grant.ConversationId!, token, tokens.SecondsLeft(grant), url);
    }

    internal static long? ParseWatermark(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : null;

    private static int Seconds(TimeSpan span) => (int)span.TotalSeconds;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed Direct Line activity rejected with 400")]
    private static partial void LogMalformed(ILogger logger);
}
