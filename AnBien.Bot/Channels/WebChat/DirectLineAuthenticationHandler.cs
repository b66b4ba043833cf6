using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// The "DirectLine" authentication scheme: a Direct Line conversation token in the Authorization header
/// (docs/protocols/botframework.md §8). It is never the default scheme: only the Direct Line policies name it, so the
/// Bot Framework's own inbound tokens (Channels/BotFramework) are never read by it, nor it by them.
/// </summary>
public sealed class DirectLineAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, WebChatTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DirectLine";

    /// <summary>Every conversation call: a valid token for the conversation in the route (<see cref="DirectLineConversationRequirement"/>).</summary>
    public const string Policy = "directline-conversation";

    /// <summary>Starting a conversation: anonymous, or with a valid token (which then names the conversation).</summary>
    public const string OptionalPolicy = "directline-optional";

    private const string ExpiresClaim = "exp";

    /// <summary>What the request's token grants, as the handler put it in the claims.</summary>
    public static WebChatToken? GrantOf(ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } userId
        && long.TryParse(user.FindFirst(ExpiresClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            ? new WebChatToken(WebChatToken.Conversation, userId, user.FindFirst(WebChatTokens.ConversationClaim)?.Value, DateTimeOffset.FromUnixTimeSeconds(expires))
            : null;

    /// <summary>The bearer token as sent, to hand back to the client that sent it.</summary>
    public static string? BearerText(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.Authorization.Count == 0) return AuthenticateResult.NoResult();
        if (await tokens.ValidateAsync(BearerText(Request), WebChatToken.Conversation) is not { ConversationId: { } conversationId } grant)
        {
            return AuthenticateResult.Fail("The token is invalid or expired.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, grant.UserId),
            new Claim(WebChatTokens.ConversationClaim, conversationId),
            new Claim(ExpiresClaim, grant.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>401 without credentials, 403 with credentials that do not open this conversation (as the Direct Line service answers).</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Request.Headers.Authorization.Count == 0 ? base.HandleChallengeAsync(properties) : RefuseAsync();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => RefuseAsync();

    // DirectLineJS reads a 403 on a conversation call as "token expired" and refreshes or stops.
    private Task RefuseAsync() =>
        Results.Json(new { error = new { code = "TokenExpired", message = "The token is invalid, expired or for another conversation." } },
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
}
