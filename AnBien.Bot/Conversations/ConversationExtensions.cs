using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using AnBien.Bot.Assessment;
using AnBien.Bot.Dialogs;
using AnBien.Bot.Directory;

namespace AnBien.Bot.Conversations;

public static class ConversationExtensions
{
    /// <summary>The channel-neutral core: catalogue, periods, linking, the engine and its dialogs.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CatalogueOptions>().BindConfiguration(CatalogueOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogueOptions>, CatalogueOptionsValidator>();
        services.AddOptions<PeriodOptions>().BindConfiguration(PeriodOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LinkingOptions>().BindConfiguration(LinkingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HelpOptions>().BindConfiguration(HelpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CatalogueRegistry>();
        services.AddSingleton<PeriodService>();
        services.AddMemoryCache();
        services.AddSingleton<PreviousAnswers>();
        services.AddSingleton<LinkingService>();
        services.AddSingleton(_ => TextCatalog.FromAppFolder());
        services.AddSingleton<KeyedLock>();
        services.AddSingleton<ConversationStateCache>();
        services.AddSingleton<MainMenu>();
        services.AddSingleton<AssessmentStore>();
        // Every dialog is registered here; its MenuEntry (if any) puts it in the menu for the roles it names.
        services.AddSingleton<IDialog, AccountLinkingDialog>();
        services.AddSingleton<IDialog, SelfAssessmentDialog>();
        services.AddSingleton<IDialog, AssessmentMonthDialog>();
        services.AddSingleton<IDialog, MyResultsDialog>();
        services.AddSingleton<IDialog, MyDataDialog>();
        services.AddSingleton<IDialog, SummaryDialog>();
        services.AddSingleton<CollectiveForms>();
        services.AddSingleton<CollectiveStore>();
        services.AddSingleton<IDialog, CollectiveAssessmentDialog>();
        services.AddSingleton<IReplyHandler, SummaryReminders>();
        services.AddSingleton<IDialog, ReviewDialog>();
        services.AddSingleton<IDialog, YearlyReportDialog>();
        services.AddSingleton<IReplyHandler, YearlyReportRefusal>();
        services.AddSingleton<IDialog, AnnouncementComposeDialog>();
        services.AddSingleton<IDialog, AnnouncementStatusDialog>();
        services.AddSingleton<ConversationEngine>();
        services.AddSingleton<Channels.ProactiveSender>();
        services.AddHostedService<Jobs.ProcessedActivityCleanupJob>();
        return services;
    }
}
