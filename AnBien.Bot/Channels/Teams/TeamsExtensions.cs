using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.Teams;

public static class TeamsExtensions
{
    /// <summary>
    /// Teams on top of the Bot Framework layer (<see cref="BotFrameworkExtensions.AddBotFramework"/>): its channel
    /// extension (cards, installation events, identity look-ups), pacing of Connector sends, and the proactive sender.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Pacing waits in real time whatever clock the product runs on (tests freeze that one). It sits inside the
        // protocol's retry handler, so retries are paced too.
        services.AddSingleton(new SendPacer(TimeProvider.System));
        services.AddTransient<ConnectorPacingHandler>();
        services.AddHttpClient<ConnectorClient>().AddHttpMessageHandler<ConnectorPacingHandler>();

        services.AddKeyedSingleton(TeamsChannel.TurnLockKey, (_, _) => new KeyedLock(1024));
        services.AddSingleton<TeamsIdentityResolver>();
        services.AddSingleton<TeamsCardTracker>();
        services.AddSingleton<TeamsEventHandler>();
        services.AddSingleton<IBotFrameworkChannel, TeamsChannel>();
        services.AddSingleton<IChannelSender, TeamsSender>();
        services.AddSingleton<Outbox.IOutboxRoute, TeamsReplyRoute>();
        return services;
    }
}
