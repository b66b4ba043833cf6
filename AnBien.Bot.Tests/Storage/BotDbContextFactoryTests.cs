using System.Collections.Concurrent;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnBien.Bot.Tests.Storage;

public sealed class BotDbContextFactoryTests
{
    [Fact]
    public void PostgresConnectionsReuseStatementsUnlessTheOperatorSetsOtherwise()
    {
        var plain = new Npgsql.NpgsqlConnectionStringBuilder(BotDbContextFactory.WithStatementReuse("Host=db;Database=anbien;Username=bot"));
        Assert.Equal(64, plain.MaxAutoPrepare);
        Assert.Equal(2, plain.AutoPrepareMinUsages);
        Assert.True(plain.NoResetOnClose);
        Assert.Equal("db", plain.Host);

        // Behind a pooler that cannot keep prepared statements the operator turns both off, and that wins.
        var own = new Npgsql.NpgsqlConnectionStringBuilder(BotDbContextFactory.WithStatementReuse(
            "Host=db;Database=anbien;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, own.MaxAutoPrepare);
        Assert.False(own.NoResetOnClose);
    }

    [Fact]
    public async Task EntityFrameworkLogsThroughTheServicesLoggers()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("anbien-efl-");
        try
        {
            var logs = new CapturedLogs();
            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Sqlite",
                ["ConnectionStrings:Bot"] = $"Data Source={Path.Combine(folder.FullName, "bot.db")};Pooling=false",
            }).Build();
            services.AddStorage(configuration, new Environment(folder.FullName));
            await using var provider = services.BuildServiceProvider();

            await using (var db = provider.GetRequiredService<BotDbContextFactory>().Create())
            {
                await db.Database.ExecuteSqlRawAsync("SELECT 1");
            }

            // An operator sees EF's own events (and so its warnings) in the service's logs.
            Assert.Contains(logs.Categories, c => c.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "AnBien.Bot";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentBag<string> Categories { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Categories.Add(category);
        }
    }
}
