using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace AnBien.Bot.Channels.BotFramework;

public static class BotFrameworkExtensions
{
    /// <summary>
    /// The Bot Framework protocol for every channel that speaks it: inbound token checks, outbound tokens (MSAL when
    /// credentials are configured), the Connector client with its retries, and the mapping to and from the engine.
    /// Channels add to it by registering an <see cref="IBotFrameworkChannel"/> (see TeamsExtensions).
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotFrameworkOptions>().Bind(configuration).Bind(configuration.GetSection(BotFrameworkOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Problem() is null,
                "Bot Framework credentials are incomplete: with MicrosoftAppId set, MicrosoftAppType must be SingleTenant (default, needs "
                + "MicrosoftAppTenantId and MicrosoftAppPassword), MultiTenant (needs MicrosoftAppPassword) or UserAssignedMSI (needs MicrosoftAppTenantId).")
            .ValidateOnStart();
        services.AddHttpClient(BotTokenVerifier.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(MsalTokenProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<BotTokenVerifier>();
        services.AddSingleton<IConnectorTokenProvider>(sp =>
            sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.IsLocalMode
                ? new AnonymousTokenProvider()
                : ActivatorUtilities.CreateInstance<MsalTokenProvider>(sp));
        services.AddHttpClient<ConnectorClient>(c => c.Timeout = TimeSpan.FromMinutes(3))
            // The client lives in singletons; recycling pooled connections keeps DNS changes visible.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // Every reply goes through here: the factory's per-request logging scope cost more than the call's own work
            // (BENCHMARKS.md, "Turns"). Failures are still logged, by the outbox that records them.
            .RemoveAllLoggers()
            .AddResilienceHandler("connector", ConfigureRetries);
        services.AddSingleton<ActivityTurns>();
        services.AddSingleton<ActivityHandler>();
        services.AddSingleton<Outbox.IOutboxRoute, BotFrameworkReplyRoute>();
        return services;
    }

    /// <summary>
    /// Retry 429, 412, 502, 504 and timeouts with exponential back-off and jitter, honouring Retry-After
    /// (msteams-docs rate-limit.md, docs/protocols/botframework.md §3); each attempt has its own 30 s timeout. Retries wait in
    /// real time whatever clock the product runs on (tests freeze that one).
    /// </summary>
    private static void ConfigureRetries(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        builder.TimeProvider = TimeProvider.System;
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetries),
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutRejectedException } => true,
                { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
                    or HttpStatusCode.GatewayTimeout } => true,
                _ => false,
            }),
        });
        builder.AddTimeout(TimeSpan.FromSeconds(30));
    }
}
