using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Storage;

/// <summary>Creates a context per unit of work (a turn, a job run, a command) on the configured provider.</summary>
public sealed class BotDbContextFactory
{
    private readonly Func<BotDbContext> _create;

    public BotDbContextFactory(string provider, string connectionString)
    {
        Provider = provider;
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var options = new DbContextOptionsBuilder<PostgresBotDbContext>()
                .UseNpgsql(connectionString)
                .Options;
            _create = () => new PostgresBotDbContext(options);
        }
        else if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var options = new DbContextOptionsBuilder<SqliteBotDbContext>()
                .UseSqlite(connectionString)
                .AddInterceptors(new SqlitePragmaInterceptor())
                .Options;
            _create = () => new SqliteBotDbContext(options);
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported. Use 'Sqlite' or 'Postgres'.");
        }
    }

    public string Provider { get; }

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    public BotDbContext Create() => _create();
}
