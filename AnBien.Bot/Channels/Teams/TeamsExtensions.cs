using System.Net;
using AnBien.Bot.Channels.BotFramework;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace AnBien.Bot.Channels.Teams;

public static class TeamsExtensions
{
    /// <summary>
    /// Teams on top of the Bot Framework layer: token verification, MSAL tokens when credentials are configured, Connector
    /// retries and pacing, cards, installation events and the proactive sender.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(BotTokenVerifier.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(MsalTokenProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<BotTokenVerifier>();
        services.Replace(ServiceDescriptor.Singleton<IConnectorTokenProvider>(sp =>
            sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.IsLocalMode
                ? new AnonymousTokenProvider()
                : ActivatorUtilities.CreateInstance<MsalTokenProvider>(sp)));

        // Pacing and retries wait in real time whatever clock the product runs on (tests freeze that one).
        services.AddSingleton(new SendPacer(TimeProvider.System));
        services.AddTransient<ConnectorPacingHandler>();
        var connector = services.AddHttpClient<ConnectorClient>();
        connector.AddResilienceHandler("connector", ConfigureRetries);
        connector.AddHttpMessageHandler<ConnectorPacingHandler>();

        services.AddSingleton<TeamsIdentityResolver>();
        services.AddSingleton<TeamsCardTracker>();
        services.AddSingleton<TeamsEventHandler>();
        services.AddSingleton<IChannelSender, TeamsSender>();
        services.AddSingleton<Outbox.IOutboxRoute, TeamsReplyRoute>();
        return services;
    }

    /// <summary>
    /// Retry 429, 412, 502, 504 and timeouts with exponential back-off and jitter, honouring Retry-After
    /// (msteams-docs rate-limit.md, reference/botframework.md §3); each attempt has its own 30 s timeout.
    /// </summary>
    private static void ConfigureRetries(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
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
