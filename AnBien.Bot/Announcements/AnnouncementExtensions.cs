namespace AnBien.Bot.Announcements;

public static class AnnouncementExtensions
{
    /// <summary>Announcements: audience resolution, queueing, and the delivery workers (Announcements:DeliveryEnabled).</summary>
    public static IServiceCollection AddAnnouncements(this IServiceCollection services)
    {
        services.AddOptions<AnnouncementOptions>().BindConfiguration(AnnouncementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AudienceResolver>();
        services.AddSingleton<AudienceInsert>();
        services.AddSingleton<AnnouncementAccess>();
        services.AddSingleton<AnnouncementLinks>();
        services.AddSingleton<AnnouncementWorkbook>();
        services.AddSingleton<AnnouncementService>();
        services.AddSingleton<IAnnouncementTransport, ProactiveAnnouncementTransport>();
        services.AddSingleton<AnnouncementDeliveryWorker>();
        services.AddSingleton<Conversations.IReplyHandler, AnnouncementReplyHandler>();
        services.AddHostedService<Jobs.AnnouncementDeliveryJob>();
        return services;
    }
}
