using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AnBien.Bot.Tests.Support.Cluster;

/// <summary>One running `dotnet AnBien.Bot.dll --urls http://127.0.0.1:&lt;port&gt;` of the Release build, its console kept for failures.</summary>
public sealed class BotInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _console = new();

    private BotInstance(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>"127.0.0.1:port", as nginx names the upstream in $upstream_addr.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public Uri BaseAddress => new($"http://{Address}/");

    public string Console
    {
        get
        {
            lock (_console) return _console.ToString();
        }
    }

    /// <summary>Starts the service and waits until /health/ready answers 200 (database reachable, schema current).</summary>
    public static async Task<BotInstance> StartAsync(string dll, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = Command(dll, environment, ["--urls", $"http://127.0.0.1:{port}"]);
        var instance = new BotInstance(Process.Start(start)!, port);
        instance._process.OutputDataReceived += (_, e) => instance.Keep(e.Data);
        instance._process.ErrorDataReceived += (_, e) => instance.Keep(e.Data);
        instance._process.BeginOutputReadLine();
        instance._process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(90);)
        {
            if (instance._process.HasExited) break;
            try
            {
                using var ready = await http.GetAsync(new Uri(instance.BaseAddress, "health/ready"));
                if (ready.StatusCode == HttpStatusCode.OK) return instance;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        var console = instance.Console;
        await instance.DisposeAsync();
        throw new InvalidOperationException($"The bot on port {port} did not become ready:\n{console}");
    }

    /// <summary>`dotnet AnBien.Bot.dll &lt;args&gt;` with only the given settings, whatever the test run's environment holds.</summary>
    public static ProcessStartInfo Command(string dll, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys
            .Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k == "DOTNET_ENVIRONMENT" || k.Contains("__", StringComparison.Ordinal))
            .ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment) start.Environment[k] = v;
        return start;
    }

    /// <summary>`dotnet AnBien.Bot.dll &lt;args&gt;` (an administrator command) to its end; its output.</summary>
    public static async Task<string> RunCommandAsync(string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(Command(dll, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"`{string.Join(' ', args)}` exited {process.ExitCode}: {await output}{await error}");
        return await output;
    }

    /// <summary>kill -9: the process ends at once, whatever it was doing (no shutdown, no flush).</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_console)
        {
            if (_console.Length < 1_000_000) _console.AppendLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
