using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using AnBien.Bot.Assessment;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;
using AnBien.Bot.Privacy;
using AnBien.Bot.Storage;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Tests.Support.Cluster;

/// <summary>
/// Several instances for real (issue 13 item 2): one fresh PostgreSQL database on the suite's server, two instances of
/// the Release build in Production on their own loopback ports, and nginx in front of them, round robin. The
/// instances share one web chat secret (random per run), trust forwarded headers from 127.0.0.1 only, have no demo and,
/// for the security test, the local mode switched on. Zalo's API is a recorder in this process (<see cref="World"/>).
/// The directory is the demo's, imported with the CLI; this month's period is open.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string RequiredVariable = "ANBIEN_REQUIRE_CLUSTER";
    public const string ZaloAppId = "2553928453557884079";
    public const string ZaloOaId = "3662729599332560487";
    public const string ZaloOaSecret = "oa-secret-cluster";

    /// <summary>Direct Line conversations one client may start per minute on one instance (low, so the security test reaches it).</summary>
    public const int StartsPerMinute = 5;

    private readonly List<BotInstance> _instances = [];
    private Dictionary<string, string> _environment = [];
    private string _dll = "";

    /// <summary>Why the cluster cannot run here, or null.</summary>
    public static string? Missing =>
        !TestDatabase.PostgresAvailable ? $"{TestDatabase.PostgresVariable} is not set; the two-instance test needs PostgreSQL (.ci/run starts one)."
        : NginxProxy.Binary is null ? "nginx is not installed (apt-get install nginx); the two-instance test needs it."
        : null;

    public static bool Required => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    public TestDatabase Database { get; private set; } = null!;
    public NginxProxy Proxy { get; private set; } = null!;
    public OutsideWorld World { get; private set; } = null!;
    public IReadOnlyList<BotInstance> Instances => _instances;

    /// <summary>The month of the period open for the tests (yyyy-MM).</summary>
    public string Month { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Missing is { } missing)
        {
            if (Required) throw new InvalidOperationException($"{RequiredVariable}=1 but {missing}");
            return;
        }

        var clock = Stopwatch.StartNew();
        var build = ReleaseBuild.DllAsync();
        Database = await TestDatabase.CreateAsync("Postgres");
        World = await OutsideWorld.StartAsync();
        var proxyPort = NginxProxy.FreePort();
        _environment = Settings(Database.ConnectionString, World.BaseAddress, proxyPort);
        _dll = await build;

        await RunAsync("migrate");
        var demo = Path.Combine(ReleaseBuild.RepositoryRoot(), "Resources", "demo");
        await RunAsync("import", Path.Combine(demo, "units.csv"), Path.Combine(demo, "staff.csv"));
        var now = DateTimeOffset.UtcNow;
        Month = PeriodWindow.Containing(now, new PeriodOptions())?.Month ?? now.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await RunAsync("period", "open", Month, "--closes", now.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await SeedZaloGrantAsync();

        _instances.AddRange(await Task.WhenAll(BotInstance.StartAsync(_dll, _environment), BotInstance.StartAsync(_dll, _environment)));
        Proxy = await NginxProxy.StartAsync(proxyPort, _instances.Select(i => i.Address));
        SetUpTime = clock.Elapsed;
    }

    /// <summary>From nothing to a cluster answering through nginx (publish included).</summary>
    public TimeSpan SetUpTime { get; private set; }

    /// <summary>An administrator command on the cluster's database, as on the server: `dotnet AnBien.Bot.dll &lt;args&gt;`; its output.</summary>
    public Task<string> RunAsync(params string[] args) => BotInstance.RunCommandAsync(_dll, _environment, args);

    /// <summary>
    /// A one-time activation code for a staff member, issued by the service `activation-code` runs, in this process:
    /// a command's start costs seconds on a busy machine, and the commands under test are period and announce.
    /// </summary>
    public async Task<string> ActivationCodeAsync(string staffCode)
    {
        await using var db = CreateDbContext();
        return await new LinkingService(Options.Create(new LinkingOptions()), new ConsentService(TextCatalog.FromAppFolder(), TimeProvider.System), TimeProvider.System).IssueCodeAsync(db, staffCode, "cluster-test", CancellationToken.None);
    }

    public BotDbContext CreateDbContext() => Database.Factory.Create();

    /// <summary>A client of the proxy, as a browser or Zalo reaches it; optionally from another loopback address (127.0.0.x).</summary>
    public HttpClient CreateClient(string? sourceAddress = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (sourceAddress is not null)
        {
            var local = System.Net.IPAddress.Parse(sourceAddress);
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new System.Net.IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { BaseAddress = Proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The instances' console output, for a failure message.</summary>
    public string Consoles() => string.Join("\n", _instances.Select(i => $"--- instance {i.Address} ---\n{i.Console[^Math.Min(i.Console.Length, 8000)..]}"));

    private static Dictionary<string, string> Settings(string connectionString, Uri world, int proxyPort)
    {
        // Due only on 29 February, so never within the scheduler's catch-up: of the monthly rhythm only the close step acts.
        const string Never = "0 0 29 2 *";
        return new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Bot"] = connectionString,
            ["Storage__MigrateOnStart"] = "false",
            ["WebChat__TokenSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["WebChat__StartsPerMinute"] = StartsPerMinute.ToString(CultureInfo.InvariantCulture),
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            ["BotFramework__AllowLocalMode"] = "true",
            ["Demo__Enabled"] = "false",
            ["Bot__PublicBaseUrl"] = $"http://127.0.0.1:{proxyPort}/",
            ["Zalo__AppId"] = ZaloAppId,
            ["Zalo__OaId"] = ZaloOaId,
            ["Zalo__OaSecretKey"] = ZaloOaSecret,
            ["Zalo__AppSecretKey"] = "app-secret-cluster",
            ["Zalo__OpenApiBaseUrl"] = world.ToString(),
            ["Zalo__OAuthBaseUrl"] = world.ToString(),
            ["Zalo__InboxPollInterval"] = "00:00:00.500",
            ["Zalo__SendRetryDelay"] = "00:00:00.100",
            ["Schedule__Tick"] = "00:00:01",
            ["Schedule__OpenPeriod"] = Never,
            ["Schedule__Remind"] = Never,
            ["Schedule__CouncilDigest"] = Never,
            ["Announcements__Poll"] = "00:00:00.500",
            ["Outbox__PollInterval"] = "00:00:00.500",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
        };
    }

    /// <summary>The OA's grant as `zalo exchange` would have stored it (a plaintext value is read as it is).</summary>
    private async Task SeedZaloGrantAsync()
    {
        await using var db = CreateDbContext();
        db.ZaloGrants.Add(new ZaloGrant
        {
            OaId = ZaloOaId, AccessToken = "AT-cluster", RefreshToken = "RT-cluster", AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddHours(20),
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (Proxy is not null) await Proxy.DisposeAsync();
        foreach (var instance in _instances) await instance.DisposeAsync();
        if (World is not null) await World.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}
