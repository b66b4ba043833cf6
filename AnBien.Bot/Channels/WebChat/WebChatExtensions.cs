using System.Globalization;
using AnBien.Bot.Http;
using Microsoft.AspNetCore.StaticFiles;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.WebChat;

public static class WebChatExtensions
{
    // No inline script or style anywhere on the page, so the policy needs no 'unsafe-inline'; 'self' in connect-src
    // covers the page's own ws:/wss: stream (CSP Level 3).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The web chat: Direct Line tokens and conversations, the activity store, the stream and the proactive sender.</summary>
    public static IServiceCollection AddWebChat(this IServiceCollection services)
    {
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>();
        services.AddSingleton<WebChatTokens>();
        services.AddSingleton<WebChatSignals>();
        services.AddSingleton<WebChatStore>();
        services.AddSingleton<WebChatRelay>();
        services.AddSingleton<Channels.IChannelSender, WebChatSender>();
        services.AddSingleton<Outbox.IOutboxRoute, WebChatReplyRoute>();
        services.AddSingleton<CrossOriginFilter>();

        // Direct Line tokens have a scheme of their own, never the default: the Bot Framework's inbound tokens
        // (Channels/BotFramework) are checked by their own verifier and are not mixed with these.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DirectLineAuthenticationHandler>(DirectLineAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, DirectLineConversationRequirement>();
        services.AddAuthorizationBuilder()
            .AddPolicy(DirectLineAuthenticationHandler.Policy, policy => policy
                .AddAuthenticationSchemes(DirectLineAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(new DirectLineConversationRequirement()))
            .AddPolicy(DirectLineAuthenticationHandler.OptionalPolicy, policy => policy
                .AddAuthenticationSchemes(DirectLineAuthenticationHandler.SchemeName)
                .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
                    || context.Resource is not HttpContext { Request.Headers.Authorization.Count: > 0 }));

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<WebChatOptions>>((cors, webChat) =>
            cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy =>
            {
                // Tokens travel in the Authorization header, never in cookies: no credentials are allowed.
                policy.WithOrigins(webChat.Value.AllowedOrigins).AllowAnyHeader().WithMethods("GET", "POST");
            }));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                // A fixed window knows when it reopens: say so, so a client waits instead of hammering.
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(DirectLineEndpoints.StartPolicy, http => PerClientPerMinute(http, DirectLineEndpoints.StartPolicy, o => o.StartsPerMinute));
            limiter.AddPolicy(WebChatEndpoints.SessionPolicy, http => PerClientPerMinute(http, WebChatEndpoints.SessionPolicy, o => o.SessionsPerMinute));
            limiter.AddPolicy(DirectLineEndpoints.RefreshPolicy, http => PerClientPerMinute(http, DirectLineEndpoints.RefreshPolicy, o => o.RefreshesPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> PerClientPerMinute(HttpContext http, string policy, Func<WebChatOptions, int> permits)
    {
        var perMinute = permits(http.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}:{ClientAddress.PartitionKey(http)}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });
    }

    /// <summary>The chat page at the root (wwwroot, no build step), its security headers, and the middleware Direct Line needs.</summary>
    public static WebApplication UseWebChatPage(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(http);
        });
        app.UseDefaultFiles();
        // UTF-8 end to end: say so in the header too, not only in the page's <meta>.
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";
        app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = types });
        app.UseWebSockets();
        app.UseCors();
        app.UseRateLimiter();
        // After CORS (a preflight never needs a token) and the rate limiter (bad tokens count against the limits too).
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
