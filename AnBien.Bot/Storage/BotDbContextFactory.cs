using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AnBien.Bot.Storage;

/// <summary>
/// Creates a context per unit of work (a turn, a job run, a command) on the configured provider. Contexts are pooled:
/// a turn is short, and setting a context up costs more than the turn's queries.
/// </summary>
public sealed class BotDbContextFactory
{
    // A PostgreSQL restart or fail-over drops connections for a few seconds: retry transient errors, briefly, so that a
    // turn still answers within the Bot Connector's 15 s; what still fails is answered 503 / 502 for the channel to
    // retry (Http/DatabaseOutageFilter.cs). No code of ours opens its own
    // transaction, which a retrying strategy would refuse; one that does must run inside CreateExecutionStrategy().
    private const int MaxRetries = 4;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    private readonly Func<BotDbContext> _create;

    public BotDbContextFactory(string provider, string connectionString)
    {
        Provider = provider;
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var options = new DbContextOptionsBuilder<PostgresBotDbContext>()
                .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(MaxRetries, MaxRetryDelay, null))
                .Options;
            var pool = new PooledDbContextFactory<PostgresBotDbContext>(options);
            _create = pool.CreateDbContext;
        }
        else if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            UseWriteAheadLog(connectionString);
            var options = new DbContextOptionsBuilder<SqliteBotDbContext>()
                .UseSqlite(connectionString)
                .AddInterceptors(new SqlitePragmaInterceptor(), new SqliteWriteGate())
                .Options;
            var pool = new PooledDbContextFactory<SqliteBotDbContext>(options);
            _create = pool.CreateDbContext;
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported. Use 'Sqlite' or 'Postgres'.");
        }
    }

    public string Provider { get; }

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    public BotDbContext Create() => _create();

    /// <summary>WAL lets readers run beside the one writer; the mode is stored in the file, so it is set once here.</summary>
    private static void UseWriteAheadLog(string connectionString)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
