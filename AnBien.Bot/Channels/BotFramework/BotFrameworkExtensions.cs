namespace AnBien.Bot.Channels.BotFramework;

public static class BotFrameworkExtensions
{
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotFrameworkOptions>().Bind(configuration);
        services.AddSingleton<IConnectorTokenProvider, AnonymousTokenProvider>();
        services.AddHttpClient<ConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
