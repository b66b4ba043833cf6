using System.Diagnostics;
using System.Net.Sockets;

namespace AnBien.Bot.Benchmarks;

/// <summary>
/// The bot as operators run it: `dotnet AnBien.Bot.dll` from a Release build, configured by environment. With a floor
/// mode, this benchmark's own <see cref="FloorBot"/> instead, for the floor under the bot's cost.
/// </summary>
public sealed class BotProcess(string repository, IReadOnlyDictionary<string, string> environment, string? floorMode = null, string? floorFile = null)
{
    private readonly string _dll = floorMode is null ? Build(repository) : typeof(FloorBot).Assembly.Location;

    public async Task RunCommandAsync(params string[] args)
    {
        using var process = Process.Start(Info(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', args)}` failed: {await output}{await error}");
        }
    }

    public async Task<BotServer> StartServerAsync()
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var process = Process.Start(Info(floorMode is null ? ["--urls", url] : ["floor-bot", floorMode, url, floorFile!]))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var server = new BotServer(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(server.BaseAddress, "healthz"))).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("The bot did not start within 30 s.");
    }

    private ProcessStartInfo Info(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(_dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        info.WorkingDirectory = Path.GetDirectoryName(_dll)!;
        return info;
    }

    private static string Build(string repository)
    {
        var output = Path.Combine(repository, "benchmarks", ".bot-release");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(repository, "AnBien.Bot"), "-c", "Release", "-o", output, "--nologo", "-v", "q"])
        {
            UseShellExecute = false,
        })!;
        build.WaitForExit();
        if (build.ExitCode != 0) throw new InvalidOperationException("dotnet publish of AnBien.Bot failed.");
        return Path.Combine(output, "AnBien.Bot.dll");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
