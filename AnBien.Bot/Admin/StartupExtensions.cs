using AnBien.Bot.Assessment;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;
using AnBien.Bot.Storage;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Admin;

public static partial class StartupExtensions
{
    /// <summary>
    /// Checks every validated setting at once (each wrong one is reported on its own line, see StartupGuard),
    /// loads and checks the catalogue and texts (a broken file stops start-up naming the file, place and problem),
    /// migrates the database (Storage:MigrateOnStart), and seeds the demo directory into an empty database in demo mode.
    /// </summary>
    /// <param name="prepareDatabase">False for the `migrate` command, which migrates by itself and says what it applied.</param>
    public static async Task PrepareAsync(this IServiceProvider services, bool prepareDatabase = true, CancellationToken ct = default)
    {
        services.GetService<IStartupValidator>()?.Validate();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("AnBien.Bot.Startup");
        var catalogue = services.GetRequiredService<CatalogueRegistry>().Current;
        LogCatalogue(logger, catalogue.Catalogue.Id, catalogue.Catalogue.Version, catalogue.Questions.Count);
        _ = services.GetRequiredService<TextCatalog>();

        if (services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.IsLocalMode)
        {
            LogLocalMode(logger);
        }

        if (!prepareDatabase) return;
        var factory = services.GetRequiredService<BotDbContextFactory>();
        if (services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStart)
        {
            await factory.MigrateAsync(ct);
        }

        if (services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            await using var db = factory.Create();
            if (await DemoDirectory.SeedIfEmptyAsync(db, services.GetRequiredService<DirectoryImporter>(), ct))
            {
                LogDemoSeeded(logger);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogue {CatalogueId} {Version} loaded: {Items} individual items")]
    private static partial void LogCatalogue(ILogger logger, string catalogueId, string version, int items);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No MicrosoftAppId configured: /api/messages accepts unauthenticated requests from loopback only (Bot Framework Emulator mode)")]
    private static partial void LogLocalMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo directory loaded into the empty database")]
    private static partial void LogDemoSeeded(ILogger logger);
}
