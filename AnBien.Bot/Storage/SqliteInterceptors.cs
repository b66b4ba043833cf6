namespace AnBien.Bot.Storage;

/// <summary>The interceptors of one SQLite database file: pragmas per native connection, and its single writer's gate.</summary>
public sealed record SqliteInterceptors(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor Pragmas, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor WriteGate)
{
    public static SqliteInterceptors Create() => new(new SqlitePragmaInterceptor(), new SqliteWriteGate());
}
