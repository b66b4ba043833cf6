using System.Globalization;

namespace AnBien.Bot.SummaryBenchmark;

/// <param name="Database">A database to keep between runs: generated on the first run, reused (not regenerated) after.</param>
public sealed record SummaryBenchOptions(string Connection, int Staff, int Units, int Months, string? Database)
{
    public static SummaryBenchOptions Parse(string[] args)
    {
        string? connection = Environment.GetEnvironmentVariable("ANBIEN_TEST_POSTGRES");
        int staff = 30_000, units = 1_000, months = 24;
        string? database = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--connection": connection = args[i + 1]; break;
                case "--staff": staff = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--units": units = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--months": months = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--database": database = args[i + 1]; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return new SummaryBenchOptions(connection ?? throw new ArgumentException("--connection or ANBIEN_TEST_POSTGRES is required."), staff, units, months, database);
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
