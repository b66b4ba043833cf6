using Npgsql;

namespace AnBien.Bot.Benchmarks;

/// <summary>A fresh database for one run: a SQLite file in the work folder, or a new PostgreSQL database.</summary>
public static class BenchDatabase
{
    public static async Task<Dictionary<string, string>> PrepareAsync(BenchOptions options, string folder)
    {
        if (options.Provider != "Postgres")
        {
            return new() { ["Storage__Provider"] = "Sqlite", ["ConnectionStrings__Bot"] = $"Data Source={Path.Combine(folder, "bench.db")}" };
        }

        var admin = options.Connection ?? throw new InvalidOperationException("--provider Postgres needs --connection or ANBIEN_TEST_POSTGRES.");
        var name = "anbien_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new()
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Bot"] = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString(),
        };
    }
}
