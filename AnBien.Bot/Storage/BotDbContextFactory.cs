using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AnBien.Bot.Storage;

/// <summary>
/// Creates a context per unit of work (a turn, a job run, a command) on the configured provider. Contexts are pooled:
/// a turn is short, and setting a context up costs more than the turn's queries. The service's pool is DI's
/// (<see cref="StorageExtensions.AddStorage"/>), so EF's warnings reach the service's logs.
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

    /// <summary>Contexts from a pool that DI owns.</summary>
    public BotDbContextFactory(string provider, Func<BotDbContext> create)
    {
        Provider = provider;
        _create = create;
    }

    /// <summary>A factory with a pool of its own, outside DI (tests, tools); EF logs nowhere.</summary>
    public BotDbContextFactory(string provider, string connectionString)
        : this(provider, Standalone(provider, connectionString))
    {
    }

    public string Provider { get; }

    public bool IsPostgres => IsPostgresProvider(Provider);

    public BotDbContext Create() => _create();

    public static bool IsPostgresProvider(string provider) => string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    public static bool IsSqliteProvider(string provider) => string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Npgsql settings the turn's cost depends on, unless the connection string sets them itself. Without them the
    /// PostgreSQL server parsed and planned every statement of every turn again, and cleared each pooled connection's
    /// session whenever a context gave it back: 3.0 ms of server CPU per turn, more than the bot's own 1.8 ms, on the
    /// same cores (BENCHMARKS.md, "Turns, round 7"). With them: 1.4 ms.
    /// - Automatic preparation: statements run twice are prepared on that connection and then only bound and executed.
    ///   Behind PgBouncer in transaction mode older than 1.21 set `Max Auto Prepare=0`.
    /// - No reset on close: our code keeps no session state (its settings are `SET LOCAL`, its advisory locks are
    ///   transaction-scoped), and an open transaction is still rolled back when a connection returns to the pool.
    /// </summary>
    public static string WithStatementReuse(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        bool Sets(params string[] keys) => keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
        if (!Sets("Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            if (!Sets("Auto Prepare Min Usages", "AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = 2;
        }

        if (!Sets("No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>The provider's settings, the same in DI's pool and in a standalone one.</summary>
    /// <param name="interceptors">SQLite's interceptors, made once per database file: the write gate must be one per file.</param>
    public static void Configure(DbContextOptionsBuilder builder, string provider, string connectionString, SqliteInterceptors? interceptors)
    {
        // Several instances race on purpose for once-only rows (a schedule occurrence's lease, a period's closing
        // announcement): the loser's duplicate key is expected and handled where it is caught, and the first command on a
        // fresh database probes a migrations table that does not exist yet. EF would log each at Error with a stack
        // trace; a failure nobody handles still surfaces as an exception, logged at Error by whoever catches it.
        builder.ConfigureWarnings(w => w.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Warning),
            (RelationalEventId.CommandError, LogLevel.Warning)));
        if (IsPostgresProvider(provider))
        {
            builder.UseNpgsql(WithStatementReuse(connectionString), npgsql => npgsql.EnableRetryOnFailure(MaxRetries, MaxRetryDelay, null));
        }
        else if (IsSqliteProvider(provider))
        {
            var sqlite = interceptors ?? SqliteInterceptors.Create();
            builder.UseSqlite(connectionString).AddInterceptors(sqlite.Pragmas, sqlite.WriteGate);
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported. Use 'Sqlite' or 'Postgres'.");
        }
    }

    /// <summary>WAL lets readers run beside the one writer; the mode is stored in the file, so it is set once at start.</summary>
    public static void UseWriteAheadLog(string connectionString)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    private static Func<BotDbContext> Standalone(string provider, string connectionString)
    {
        if (IsPostgresProvider(provider))
        {
            var options = new DbContextOptionsBuilder<PostgresBotDbContext>();
            Configure(options, provider, connectionString, null);
            return new PooledDbContextFactory<PostgresBotDbContext>(options.Options).CreateDbContext;
        }

        if (IsSqliteProvider(provider)) UseWriteAheadLog(connectionString);
        var sqlite = new DbContextOptionsBuilder<SqliteBotDbContext>();
        Configure(sqlite, provider, connectionString, null);
        return new PooledDbContextFactory<SqliteBotDbContext>(sqlite.Options).CreateDbContext;
    }
}
