using AnBien.Bot.Storage;
using Npgsql;

namespace AnBien.Bot.Tests.Support;

/// <summary>
/// A fresh, empty database for one test: a temporary SQLite file, or a new PostgreSQL database on the server named by
/// ANBIEN_TEST_POSTGRES (set by .ci/run). Dropped when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ANBIEN_TEST_POSTGRES";

    private readonly string? _postgresAdmin;
    private readonly string _name;

    private TestDatabase(string provider, string connectionString, string name, string? postgresAdmin)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _name = name;
        _postgresAdmin = postgresAdmin;
        Factory = new BotDbContextFactory(provider, connectionString);
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public BotDbContextFactory Factory { get; }

    public static bool PostgresAvailable => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    /// <summary>
    /// The providers every storage test runs on. Without a PostgreSQL server (ANBIEN_TEST_POSTGRES unset) the
    /// PostgreSQL case is reported as skipped, never as passed: use [SkippableTheory] with these.
    /// </summary>
    public static TheoryData<string> Providers() => new() { "Sqlite", "Postgres" };

    /// <param name="postgresAdmin">Another PostgreSQL server than ANBIEN_TEST_POSTGRES's, e.g. a <see cref="PrivatePostgres"/>.</param>
    public static async Task<TestDatabase> CreateAsync(string provider = "Sqlite", string? postgresAdmin = null)
    {
        var name = "anbien_test_" + Guid.NewGuid().ToString("N")[..12];
        if (provider == "Postgres")
        {
            Skip.IfNot(postgresAdmin is not null || PostgresAvailable, $"No PostgreSQL server: set {PostgresVariable} (.ci/run starts one). Tests that may skip need [SkippableFact]/[SkippableTheory].");
            var admin = postgresAdmin ?? Environment.GetEnvironmentVariable(PostgresVariable)!;
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            return new TestDatabase(provider, cs, name, admin);
        }

        var path = Path.Combine(Path.GetTempPath(), name + ".db");
        return new TestDatabase(provider, $"Data Source={path}", path, null);
    }

    /// <summary>
    /// Makes the database unreachable, as an outage would: PostgreSQL refuses connections to it (and drops the open
    /// ones); the SQLite file becomes a folder, which SQLite cannot open.
    /// </summary>
    public async Task BreakAsync()
    {
        if (_postgresAdmin is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var refuse = new NpgsqlCommand(
                $"ALTER DATABASE \"{_name}\" WITH ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_name}'", connection);
            await refuse.ExecuteNonQueryAsync();
            NpgsqlConnection.ClearAllPools();
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_name + suffix);
        System.IO.Directory.CreateDirectory(_name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(_name)) System.IO.Directory.Delete(_name);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_name + suffix);
            }
            catch (IOException)
            {
                // A leftover temp file is harmless.
            }
        }
    }
}
