using Microsoft.Extensions.Configuration;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Storage;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AnBien.Bot.Tests.Support;

/// <summary>
/// The whole service in memory, as a test sees it: its own fresh database (SQLite by default), the demo directory,
/// a fixed clock in the self-assessment window (28/11/2026 09:00 in Vietnam) and a recording fake Bot Connector.
/// </summary>
public sealed class BotApplication : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 28, 9, 0, 0, TimeSpan.FromHours(7));

    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _ownsDatabase;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _environment;

    private BotApplication(TestDatabase database, Dictionary<string, string?> settings, bool ownsDatabase, DateTimeOffset now, Action<IServiceCollection>? services,
        string environment)
    {
        _services = services;
        _environment = environment;
        Clock = new FakeTimeProvider(now.ToUniversalTime());
        _database = database;
        _settings = settings;
        _ownsDatabase = ownsDatabase;
    }

    public FakeTimeProvider Clock { get; }
    public RecordingHttpHandler Connector { get; } = new();
    public TestDatabase Database => _database;

    /// <summary>The loopback address a browser opens, when started with kestrel: true.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    /// <param name="services">Extra test doubles (e.g. fake identity endpoints), applied after the defaults.</param>
    /// <param name="kestrel">Serve on a real loopback port (for a browser) instead of in memory; see <see cref="BaseAddress"/>.</param>
    /// <param name="environment">The hosting environment; "Testing" runs as any non-Development environment does.</param>
    public static async Task<BotApplication> StartAsync(string provider = "Sqlite", Dictionary<string, string?>? settings = null, bool demo = true,
        DateTimeOffset? now = null, Action<IServiceCollection>? services = null, bool kestrel = false, string environment = "Testing") =>
        Start(await TestDatabase.CreateAsync(provider), ownsDatabase: true, settings, demo, now, services, kestrel, environment);

    /// <summary>Starts the service on an existing database (a restart, or a second instance); the caller disposes the database.</summary>
    public static BotApplication StartOn(TestDatabase database, Dictionary<string, string?>? settings = null, bool demo = true,
        Action<IServiceCollection>? services = null, DateTimeOffset? now = null) =>
        Start(database, ownsDatabase: false, settings, demo, now, services, kestrel: false, "Testing");

    private static BotApplication Start(TestDatabase database, bool ownsDatabase, Dictionary<string, string?>? settings, bool demo,
        DateTimeOffset? now, Action<IServiceCollection>? services, bool kestrel, string environment)
    {
        // The chat tests speak to the bot like the Emulator, in local mode; the local-mode tests switch this off.
        // The rhythm and the delivery workers act by themselves; tests that want them drive them explicitly.
        var all = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = demo ? "true" : "false", ["BotFramework:AllowLocalMode"] = "true",
            ["Schedule:Enabled"] = "false", ["Announcements:DeliveryEnabled"] = "false",
        };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        var app = new BotApplication(database, all, ownsDatabase, now ?? DefaultNow, services, environment);
        if (kestrel)
        {
            app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            app.StartServer();
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            app.BaseAddress = new Uri(addresses.First());
        }
        else
        {
            _ = app.Server; // build and run start-up (migrations, demo seed) now
        }

        return app;
    }

    public BotDbContext CreateDbContext() => _database.Factory.Create();

    /// <summary>Runs an administrator's command against this application, as the command line would; its exit code and everything it printed.</summary>
    public async Task<(int Code, string Output)> RunCommandAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await AnBien.Bot.Admin.AdminCommandLine.RunAsync(Services, args, stdout, stderr);
        return (code, stdout.ToString() + stderr);
    }

    public ChatClient Chat(string userId = "29:lan", string? aadObjectId = "00000000-0000-4000-8000-000000000001", string channel = "emulator") =>
        new(this, userId, aadObjectId, channel);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<BotDbContextFactory>();
            services.AddSingleton(_database.Factory);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient<ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => Connector);
            _services?.Invoke(services);
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(_settings));
        return base.CreateHost(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) await _database.DisposeAsync();
    }
}
