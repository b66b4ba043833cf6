using AnBien.Bot.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Storage;

public static class StorageExtensions
{
    /// <summary>Registers the database: a SQLite file by default, PostgreSQL with Storage:Provider=Postgres.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString("Bot");
        // Checked with the other settings at start-up, so every wrong setting is reported at once, one line each.
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .Validate(o => BotDbContextFactory.IsSqliteProvider(o.Provider) || BotDbContextFactory.IsPostgresProvider(o.Provider),
                "Storage:Provider must be Sqlite or Postgres.")
            .Validate(o => !string.IsNullOrWhiteSpace(connectionString) || BotDbContextFactory.IsSqliteProvider(o.Provider),
                "ConnectionStrings:Bot is required when Storage:Provider is Postgres (e.g. ConnectionStrings__Bot=\"Host=…;Database=anbien;Username=…;Password=…\").")
            .ValidateOnStart();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(5));

        // DI's pools, so EF logs through the service's logger factory (its warnings were lost with a pool of our own).
        // Contexts are configured when first asked for, after the settings were checked: a wrong provider or a missing
        // connection string is the validation's one line, not an exception here.
        var provider = (configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions()).Provider;
        if (BotDbContextFactory.IsPostgresProvider(provider))
        {
            services.AddPooledDbContextFactory<PostgresBotDbContext>(o => BotDbContextFactory.Configure(o, provider, connectionString!, null));
            services.AddSingleton(sp => new BotDbContextFactory(provider,
                sp.GetRequiredService<IDbContextFactory<PostgresBotDbContext>>().CreateDbContext));
            return services;
        }

        var sqlite = new Lazy<string>(() =>
        {
            if (!string.IsNullOrWhiteSpace(connectionString)) return connectionString;
            var folder = Path.Combine(environment.ContentRootPath, ".data");
            System.IO.Directory.CreateDirectory(folder);
            return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "anbien.db") }.ToString();
        });
        var interceptors = SqliteInterceptors.Create();
        services.AddPooledDbContextFactory<SqliteBotDbContext>(o => BotDbContextFactory.Configure(o, "Sqlite", sqlite.Value, interceptors));
        services.AddSingleton(sp =>
        {
            BotDbContextFactory.UseWriteAheadLog(sqlite.Value);
            return new BotDbContextFactory("Sqlite", sp.GetRequiredService<IDbContextFactory<SqliteBotDbContext>>().CreateDbContext);
        });
        return services;
    }

    /// <summary>
    /// Copies the SQLite database into a new file with SQLite's online backup API: a consistent snapshot, taken while
    /// the service keeps answering (a file copy of a WAL database can miss the latest commits). Returns its size.
    /// </summary>
    public static async Task<long> BackupSqliteAsync(this BotDbContextFactory factory, string file, CancellationToken ct = default)
    {
        await using var db = factory.Create();
        var source = (SqliteConnection)db.Database.GetDbConnection();
        await source.OpenAsync(ct);
        await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
        }

        return new FileInfo(file).Length;
    }

    public static async Task MigrateAsync(this BotDbContextFactory factory, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Create();
        await db.Database.MigrateAsync(cancellationToken);
        // A database that held submitted answers before the summary tallies existed gets them built once, here.
        if ((!await db.Set<Summaries.Tallies.SubmissionTally>().AnyAsync(cancellationToken)
                || !await db.Set<Summaries.Tallies.OrganisationItemTally>().AnyAsync(cancellationToken))
            && await db.Assessments.AnyAsync(a => a.Status == AssessmentStatus.Submitted, cancellationToken))
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await Summaries.Tallies.TallyRecompute.RebuildAllAsync(db, ct);
                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }

        // Likewise a roster that predates its submitted marks (none set although people have submitted).
        if (!await db.Roster.AnyAsync(r => r.Submitted, cancellationToken)
            && await db.Assessments.AnyAsync(a => a.Status == AssessmentStatus.Submitted, cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync(AnBien.Bot.Assessment.PeriodRoster.RebuildMarksSql, cancellationToken);
        }
    }
}
