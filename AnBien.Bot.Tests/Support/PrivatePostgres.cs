using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AnBien.Bot.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of one test's own (initdb + pg_ctl, its own port and data folder), which the test may restart
/// or stop at will: never the server the rest of the suite shares. Skipped visibly without PostgreSQL's binaries,
/// unless <see cref="RequiredVariable"/> is set (.ci/run sets it), where their absence fails the test.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    public const string RequiredVariable = "ANBIEN_REQUIRE_PRIVATE_POSTGRES";

    private readonly string _bin;
    private readonly string _root;

    private PrivatePostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Timeout=5";
    }

    public string AdminConnectionString { get; }

    private string Data => Path.Combine(_root, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
        {
            Assert.True(Environment.GetEnvironmentVariable(RequiredVariable) is null, $"{RequiredVariable} is set but PostgreSQL's binaries are missing.");
            Skip.If(true, "PostgreSQL's binaries (initdb, pg_ctl) are not installed; .ci/run installs them.");
        }

        var root = System.IO.Directory.CreateTempSubdirectory("anbien-private-pg.").FullName;
        await RunAsync("chown", "postgres", root);
        var cluster = new PrivatePostgres(bin!, root, FreePort());
        await cluster.PgAsync("initdb", "-D", cluster.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>A fast restart (open connections are dropped, as in an operator's restart or a failover).</summary>
    public Task RestartAsync() => PgAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "restart");

    /// <summary>The server down (fast shutdown: open connections are dropped), until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => PgAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");

    public Task StartAgainAsync() => PgAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_root, "log"), "-w", "-o",
        $"-p {new NpgsqlConnectionStringBuilder(AdminConnectionString).Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100", "start");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>A PostgreSQL program as the postgres user (initdb refuses to run as root).</summary>
    private Task PgAsync(string program, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. args])
            : RunAsync(Path.Combine(_bin, program), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
