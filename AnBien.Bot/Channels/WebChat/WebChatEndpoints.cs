using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;
using AnBien.Bot.Http;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>What the bot's own chat page needs beside Direct Line: opening or resuming a session, and the demo picker.</summary>
public static partial class WebChatEndpoints
{
    public const string DemoLinkedBy = "demo-picker";
    public const string SessionPolicy = "webchat-session";

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder app)
    {
        app.MapDirectLine();
        var group = app.MapGroup("/api/webchat").AddEndpointFilter<CrossOriginFilter>()
            .AddEndpointFilter(new DatabaseOutageFilter(StatusCodes.Status503ServiceUnavailable));
        group.MapPost("/session", SessionAsync).RequireRateLimiting(SessionPolicy);
        group.MapGet("/demo-staff", DemoStaffAsync);
        group.MapPost("/demo-signin", DemoSignInAsync).RequireAuthorization(DirectLineAuthenticationHandler.OptionalPolicy);
        return app;
    }

    /// <summary>
    /// The browser key (long-lived, signed) keeps a person's web chat identity, and so their link to a staff record,
    /// from one visit to the next; the conversation is resumed when this browser owns it, else a new one starts.
    /// </summary>
    private static async Task<IResult> SessionAsync(HttpContext http, WebChatSessionRequest? request, WebChatTokens tokens, WebChatStore store,
        WebChatRelay relay, BotDbContextFactory databases, IOptions<DemoOptions> demo, CancellationToken ct)
    {
        var userId = (await tokens.ValidateAsync(request?.BrowserKey, WebChatToken.Browser))?.UserId ?? WebChatTokens.NewUserId();
        var conversationId = request?.ConversationId is { Length: > 0 and <= 64 } wanted
            && await store.FindConversationAsync(wanted, ct) is { } known && known.UserId == userId
                ? known.Id
                : null;
        var created = false;
        if (conversationId is null)
        {
            conversationId = WebChatTokens.NewConversationId();
            created = await store.StartConversationAsync(conversationId, userId, ct);
        }

        var (token, grant) = tokens.IssueGrant(WebChatToken.Conversation, userId, conversationId, tokens.Options.TokenLifetime);
        string? name;
        await using (var db = databases.Create())
        {
            name = await db.ChannelAccounts
                .Where(a => a.Channel == WebChatRelay.Channel && a.ChannelUserId == userId && a.Staff!.Active)
                .Select(a => a.Staff!.FullName)
                .SingleOrDefaultAsync(ct);
        }

        var linked = name is not null;

        // A person who is known is greeted (menu, or their unfinished assessment); a stranger hears how to link,
        // except in demo mode, where the page offers the picker first.
        if (created && (linked || !demo.Value.Enabled)) await relay.GreetAsync(grant, ct);

        var conversation = DirectLineEndpoints.Conversation(http, tokens, grant, token, watermark: null);
        var browserKey = tokens.Issue(WebChatToken.Browser, userId, null, tokens.Options.BrowserKeyLifetime);
        return Results.Ok(new WebChatSession(browserKey, conversationId, token, conversation.ExpiresIn, conversation.StreamUrl!, linked, name, demo.Value.Enabled));
    }

    private static async Task<IResult> DemoStaffAsync(BotDbContextFactory databases, IOptions<DemoOptions> demo, CancellationToken ct)
    {
        if (!demo.Value.Enabled) return Results.NotFound();
        await using var db = databases.Create();
        var people = await db.Staff.AsNoTracking().Where(s => s.Active)
            .OrderBy(s => s.Code)
            .Select(s => new DemoStaffMember(s.Code, s.FullName, s.Title, s.Unit!.Name))
            .ToListAsync(ct);
        return Results.Ok(people);
    }

    /// <summary>Demo mode only: the web chat user becomes the chosen fictional person, then the bot greets them.</summary>
    private static async Task<IResult> DemoSignInAsync(HttpContext http, DemoSignInRequest? request, WebChatRelay relay,
        BotDbContextFactory databases, IOptions<DemoOptions> demo, TimeProvider clock, ILogger<WebChatSession> logger, CancellationToken ct)
    {
        if (!demo.Value.Enabled) return Results.NotFound();
        if (DirectLineAuthenticationHandler.GrantOf(http.User) is not { } grant) return Results.Unauthorized();
        if (request?.StaffCode is not { Length: > 0 and <= 64 } code || PlainText.Clean(code) != code) return Results.BadRequest(new { error = "A staffCode is required." });
        await using (var db = databases.Create())
        {
            var staff = await db.Staff.SingleOrDefaultAsync(s => s.Code == code && s.Active, ct);
            if (staff is null) return Results.NotFound(new { error = "No active demo staff member has this code." });
            var account = await db.ChannelAccounts.SingleOrDefaultAsync(a => a.Channel == WebChatRelay.Channel && a.ChannelUserId == grant.UserId, ct);
            var now = clock.GetUtcNow();
            if (account is null)
            {
                account = new ChannelAccount { Channel = WebChatRelay.Channel, ChannelUserId = grant.UserId, LinkedBy = DemoLinkedBy };
                db.ChannelAccounts.Add(account);
            }

            account.StaffId = staff.Id;
            account.LinkedBy = DemoLinkedBy;
            account.LinkedAt = now;
            account.Interacted(now);
            account.ConversationReference = new WebChatReference(grant.ConversationId!).ToJson();
            await db.SaveChangesAsync(ct);
        }

        LogDemoLinked(logger);
        await relay.GreetAsync(grant, ct);
        return Results.Ok();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Web chat identity linked by the demo picker")]
    private static partial void LogDemoLinked(ILogger logger);
}
