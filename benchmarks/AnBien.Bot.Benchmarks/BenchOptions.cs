using System.Globalization;

namespace AnBien.Bot.Benchmarks;

public sealed record BenchOptions(int Conversations, int Seconds, string Provider, string? Connection, int WarmupSeconds, string? Floor)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var provider = Value("--provider", "Sqlite");
        var connection = Value("--connection", Environment.GetEnvironmentVariable("ANBIEN_TEST_POSTGRES") ?? "");
        return new BenchOptions(
            int.Parse(Value("--conversations", "50"), CultureInfo.InvariantCulture),
            int.Parse(Value("--seconds", "20"), CultureInfo.InvariantCulture),
            provider,
            connection.Length == 0 ? null : connection,
            int.Parse(Value("--warmup", "30"), CultureInfo.InvariantCulture),
            Value("--floor", "") is { Length: > 0 } floor ? floor : null);
    }

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AnBien.Bot.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
