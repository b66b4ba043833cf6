using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AnBien.Bot.Tests.Support.Cluster;

/// <summary>
/// nginx from Debian's package, started for the test with a generated configuration: round robin over the instances,
/// and the proxy settings of deployment/nginx/anbien-bot.conf copied from that file, so the test runs what the VM runs.
/// Every answer carries X-Upstream-Addr ($upstream_addr), which tells the test which instance served it.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string UpstreamHeader = "X-Upstream-Addr";

    private static readonly string[] Candidates = ["/usr/sbin/nginx", "/usr/bin/nginx"];

    private readonly Process _process;
    private readonly string _folder;

    private NginxProxy(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The nginx binary, or null where the package is not installed.</summary>
    public static string? Binary => Candidates.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "nginx")).FirstOrDefault(File.Exists);

    /// <summary>One line per request: method, path, status, the instance that served it.</summary>
    public string AccessLog => File.Exists(Path.Combine(_folder, "access.log")) ? File.ReadAllText(Path.Combine(_folder, "access.log")) : "";

    public static async Task<NginxProxy> StartAsync(int port, IEnumerable<string> upstreams)
    {
        var folder = Path.Combine(Path.GetTempPath(), "anbien-nginx-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(folder);
        // nginx's workers run as "nobody" when started by root; they write request bodies under this folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(folder, port, upstreams));

        var start = new ProcessStartInfo(Binary ?? throw new InvalidOperationException("nginx is not installed."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-p", folder, "-c", config, "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" }) start.ArgumentList.Add(arg);
        var proxy = new NginxProxy(Process.Start(start)!, folder, port);
        _ = proxy._process.StandardOutput.ReadToEndAsync();
        var errors = proxy._process.StandardError.ReadToEndAsync();
        for (var i = 0; i < 100; i++)
        {
            if (proxy._process.HasExited) break;
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await proxy.DisposeAsync();
        throw new InvalidOperationException($"nginx did not start: {await errors}\n{ReadOrEmpty(Path.Combine(folder, "error.log"))}");
    }

    /// <summary>
    /// The map and the TLS server's "location /" of deployment/nginx/anbien-bot.conf, verbatim but for two things: Host
    /// keeps the port (the test's proxy is not on 443, and the Direct Line stream URL is built from it) and the answer
    /// names the instance that served it.
    /// </summary>
    public static string Configuration(string folder, int port, IEnumerable<string> upstreams)
    {
        var site = File.ReadAllText(Path.Combine(ReleaseBuild.RepositoryRoot(), "deployment", "nginx", "anbien-bot.conf"));
        var map = Block(site, "map $http_upgrade $anbien_connection {", first: true);
        var location = Block(site, "location / {", first: false)
            .Replace("proxy_set_header Host $host;", "proxy_set_header Host $http_host;", StringComparison.Ordinal);
        if (!location.Contains("proxy_set_header X-Forwarded-For", StringComparison.Ordinal)) throw new InvalidOperationException("The nginx site sets no X-Forwarded-For.");
        location = location.Insert(location.LastIndexOf('}'), $"    add_header {UpstreamHeader} $upstream_addr always;\n    ");

        var servers = new StringBuilder();
        foreach (var upstream in upstreams) servers.Append("    server ").Append(upstream).Append(";\n");
        return $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            events { worker_connections 512; }
            http {
              log_format upstreams '$request_method $uri $status $upstream_addr';
              access_log {{folder}}/access.log upstreams;
              client_body_temp_path {{folder}}/body; proxy_temp_path {{folder}}/proxy; fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi; scgi_temp_path {{folder}}/scgi;
              upstream anbien_bot {
            {{servers}}    keepalive 16;
              }
              {{map}}
              server {
                listen 127.0.0.1:{{port}};
                client_max_body_size 1m;
                {{location}}
              }
            }
            """;
    }

    /// <summary>The block that starts with <paramref name="opening"/>, up to its matching brace.</summary>
    private static string Block(string text, string opening, bool first)
    {
        var start = first ? text.IndexOf(opening, StringComparison.Ordinal) : text.LastIndexOf(opening, StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"deployment/nginx/anbien-bot.conf has no '{opening}'.");
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return text[start..(i + 1)];
        }

        throw new InvalidOperationException($"'{opening}' is not closed in deployment/nginx/anbien-bot.conf.");
    }

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    /// <summary>A free port in 18080–18099 (kept apart from the other helpers' services), else any free port.</summary>
    public static int FreePort()
    {
        foreach (var candidate in Enumerable.Range(18080, 20).OrderBy(_ => Random.Shared.Next()))
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, candidate);
                listener.Start();
                return candidate;
            }
            catch (SocketException)
            {
                // Taken.
            }
        }

        return BotInstance.FreePort();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // nginx's temp folders may still be owned by its workers for a moment; /tmp is cleaned anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
