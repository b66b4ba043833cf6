using System.Diagnostics;

namespace AnBien.Bot.Benchmarks;

public sealed class BotServer(Process process, Uri baseAddress) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>Peak resident memory of the bot process, from /proc (Linux).</summary>
    public double PeakMemoryMiB()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>
    /// CPU time the bot process has used, from /proc (Linux). Per turn it is steadier than turns/s on a shared machine,
    /// where other work takes cores away from both the bot and this client.
    /// </summary>
    public TimeSpan CpuTime() => CpuTimeOfProcess(process.Id) ?? TimeSpan.Zero;

    /// <summary>CPU time of every live process with the given name (e.g. the PostgreSQL server and its backends), from /proc.</summary>
    public static TimeSpan CpuTimeOf(string name)
    {
        var total = TimeSpan.Zero;
        // By /proc/<pid>/comm: PostgreSQL rewrites its backends' command lines, which Process.GetProcessesByName reads.
        foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var id)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd() != name) continue;
            }
            catch (IOException)
            {
                continue; // ended meanwhile
            }

            total += CpuTimeOfProcess(id) ?? TimeSpan.Zero;
        }

        return total;
    }

    private static TimeSpan? CpuTimeOfProcess(int id)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{id}/stat");
        }
        catch (IOException)
        {
            return null; // ended meanwhile
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
