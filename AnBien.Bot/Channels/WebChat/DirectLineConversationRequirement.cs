using Microsoft.AspNetCore.Authorization;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// "This token belongs to this conversation", checked once for every Direct Line endpoint: when the route names a
/// conversation, the token's conversation claim must be that one. Routes without one (token refresh) need only a valid token.
/// </summary>
public sealed class DirectLineConversationRequirement : AuthorizationHandler<DirectLineConversationRequirement>, IAuthorizationRequirement
{
    public const string RouteValue = "conversationId";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DirectLineConversationRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var wanted = http?.GetRouteValue(RouteValue) as string;
        var granted = context.User.FindFirst(WebChatTokens.ConversationClaim)?.Value;
        if (granted is not null && (wanted is null || string.Equals(wanted, granted, StringComparison.Ordinal)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
