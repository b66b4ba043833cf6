using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnBien.Bot.Storage;

/// <summary>
/// Per-connection settings. synchronous=NORMAL in WAL mode still survives a process crash (only an OS crash can lose
/// the last commits), the trade the SQLite documentation recommends for WAL; WAL itself is set once per file by
/// <see cref="BotDbContextFactory"/> because it persists.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
