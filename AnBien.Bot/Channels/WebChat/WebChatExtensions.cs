using Microsoft.AspNetCore.StaticFiles;
using System.Threading.RateLimiting;
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
            limiter.AddPolicy(DirectLineEndpoints.StartPolicy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<WebChatOptions>>().Value.StartsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) });
            });
        });
        return services;
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
        return app;
    }
}
