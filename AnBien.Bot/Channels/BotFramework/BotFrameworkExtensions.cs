using AnBien.Bot.Channels.Teams;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.BotFramework;

public static class BotFrameworkExtensions
{
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotFrameworkOptions>().Bind(configuration)
            .Validate(o => o.Problem() is null,
                "Bot Framework credentials are incomplete: with MicrosoftAppId set, MicrosoftAppType must be SingleTenant (default, needs "
                + "MicrosoftAppTenantId and MicrosoftAppPassword), MultiTenant (needs MicrosoftAppPassword) or UserAssignedMSI (needs MicrosoftAppTenantId).")
            .ValidateOnStart();
        services.AddSingleton<IConnectorTokenProvider, AnonymousTokenProvider>();
        services.AddHttpClient<ConnectorClient>(c => c.Timeout = TimeSpan.FromMinutes(3))
            // The client lives in singletons; recycling pooled connections keeps DNS changes visible.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddKeyedSingleton(ActivityHandler.TurnLockKey, (_, _) => new KeyedLock(1024));
        services.AddSingleton<ActivityHandler>();
        services.AddSingleton<Outbox.IOutboxRoute, BotFrameworkReplyRoute>();
        return services;
    }
}
