namespace AnBien.Bot.Channels.Zalo;

public static class ZaloExtensions
{
    /// <summary>The Zalo OA channel: webhook inbox and its processor, API clients, tokens, proactive sender, phone linking.</summary>
    public static IServiceCollection AddZalo(this IServiceCollection services)
    {
        services.AddOptions<ZaloOptions>().BindConfiguration(ZaloOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ZaloOptions>, ZaloOptionsValidator>();
        services.AddSingleton<ZaloSignatureVerifier>();
        services.AddSingleton<ZaloInboxSignal>();
        services.AddSingleton<ZaloMessageRenderer>();
        services.AddSingleton<ZaloGrantAlarm>();
        services.AddSingleton<ZaloTokenStore>();
        services.AddSingleton<ZaloAuthorization>();
        services.AddSingleton<ZaloEventHandler>();
        services.AddSingleton<ZaloPhoneLinking>();
        services.AddSingleton<Conversations.IReplyHandler, ZaloLinkApprovalHandler>();
        services.AddHttpClient(ZaloClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<ZaloOAuthClient>();
        services.AddSingleton<ZaloClient>();
        services.AddSingleton<ZaloChannelSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<ZaloChannelSender>());
        services.AddSingleton<Outbox.IOutboxRoute, ZaloReplyRoute>();
        services.AddSingleton<Outbox.IUnreachableFallback, ZaloTemplateFallback>();
        services.AddSingleton<ZaloInboxProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<ZaloInboxProcessor>());
        services.AddHostedService<ZaloTokenJob>();
        services.AddHealthChecks().AddCheck<ZaloGrantHealthCheck>("zalo", tags: [Http.HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return services;
    }
}
