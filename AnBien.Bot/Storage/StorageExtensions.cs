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

        // DI's pools, so EF logs through the service's logger factory (its warnings were lost with a pool of our own).
        var provider = options.Provider;
        if (BotDbContextFactory.IsPostgresProvider(provider))
        {
            services.AddPooledDbContextFactory<PostgresBotDbContext>(o => BotDbContextFactory.Configure(o, provider, connectionString, null));
            services.AddSingleton(sp => new BotDbContextFactory(provider,
                sp.GetRequiredService<IDbContextFactory<PostgresBotDbContext>>().CreateDbContext));
        }
        else if (BotDbContextFactory.IsSqliteProvider(provider))
        {
            var interceptors = SqliteInterceptors.Create();
            services.AddPooledDbContextFactory<SqliteBotDbContext>(o => BotDbContextFactory.Configure(o, provider, connectionString, interceptors));
            services.AddSingleton(sp =>
            {
                BotDbContextFactory.UseWriteAheadLog(connectionString);
                return new BotDbContextFactory(provider, sp.GetRequiredService<IDbContextFactory<SqliteBotDbContext>>().CreateDbContext);
            });
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported. Use 'Sqlite' or 'Postgres'.");
        }

        return services;
    }

    public static async Task MigrateAsync(this BotDbContextFactory factory, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Create();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
