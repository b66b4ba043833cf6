using System.Diagnostics;

namespace AnBien.Bot.Tests.Support.Cluster;

/// <summary>
/// The service as operators install it: `dotnet publish -c Release` of AnBien.Bot, once per test run, into a temporary
/// folder. ANBIEN_CLUSTER_BUILD names an existing publish folder instead (a faster rerun while working on the tests).
/// </summary>
public static class ReleaseBuild
{
    public const string FolderVariable = "ANBIEN_CLUSTER_BUILD";

    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    /// <summary>The published AnBien.Bot.dll.</summary>
    public static Task<string> DllAsync() => Published.Value;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AnBien.Bot.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("The repository (AnBien.Bot.sln) was not found above the test binaries.");
    }

    private static async Task<string> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } given) return Path.Combine(given, "AnBien.Bot.dll");
        var output = Path.Combine(Path.GetTempPath(), "anbien-release-" + Guid.NewGuid().ToString("N")[..8]);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "publish", Path.Combine(RepositoryRoot(), "AnBien.Bot"), "-c", "Release", "-o", output, "--nologo", "-v", "q" })
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's own MSBuild variables would point the nested build at the test run's SDK state.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
                // A leftover folder in /tmp is harmless.
            }
        };
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await publish.WaitForExitAsync(timeout.Token);
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish -c Release failed: {await stdout}{await stderr}");
        return Path.Combine(output, "AnBien.Bot.dll");
    }
}
