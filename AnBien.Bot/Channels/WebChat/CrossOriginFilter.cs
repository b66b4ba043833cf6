using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// Refuses a browser request made from another site's page unless that origin is configured (WebChat:AllowedOrigins).
/// CORS alone does not do this: it only hides the answer from the other page, while a simple POST still runs, so any page
/// could spend its visitors' token and start limits. Requests without an Origin header (server-side clients) pass.
/// </summary>
public sealed class CrossOriginFilter(IOptions<WebChatOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsSameOrigin(request, origin) || options.Value.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(Results.Json(
            new { error = new { code = "BadArgument", message = "Requests from this origin are not allowed." } },
            statusCode: StatusCodes.Status403Forbidden));
    }

    private static bool IsSameOrigin(HttpRequest request, string origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
}
