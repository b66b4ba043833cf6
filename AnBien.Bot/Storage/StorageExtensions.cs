using AnBien.Bot.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Storage;

public static class StorageExtensions
{
    /// <summary>Registers the database: a SQLite file by default, PostgreSQL with Storage:Provider=Postgres.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = configuration.GetConnectionString("Bot");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (!string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("ConnectionStrings:Bot is required when Storage:Provider is not Sqlite.");
            }

            var folder = Path.Combine(environment.ContentRootPath, ".data");
            System.IO.Directory.CreateDirectory(folder);
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "anbien.db") }.ToString();
        }

        services.AddSingleton(new BotDbContextFactory(options.Provider, connectionString));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static async Task MigrateAsync(this BotDbContextFactory factory, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Create();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
