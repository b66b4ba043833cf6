using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations.Outbox;

namespace AnBien.Bot.Channels.Outbox;

public static class OutboxExtensions
{
    /// <summary>
    /// The one way out for every message the bot sends: the outbox table's writer, the dispatcher and its worker, and the
    /// route to a person through their linked accounts. Each channel registers its own reply route.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Problem() is null, "Outbox:Lease must be longer than Outbox:AttemptTimeout, so no message is sent by two instances at once.")
            .ValidateOnStart();
        services.AddSingleton<OutboxQueue>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<BotFrameworkSender>();
        services.AddSingleton<IOutboxRoute, StaffRoute>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
