using System.Globalization;

namespace AnBien.Bot.SummaryBenchmark;

public sealed record SummaryBenchOptions(string Connection, int Staff, int Units, int Months)
{
    public static SummaryBenchOptions Parse(string[] args)
    {
        string? connection = Environment.GetEnvironmentVariable("ANBIEN_TEST_POSTGRES");
        int staff = 30_000, units = 1_000, months = 24;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--connection": connection = args[i + 1]; break;
                case "--staff": staff = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--units": units = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--months": months = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return new SummaryBenchOptions(connection ?? throw new ArgumentException("--connection or ANBIEN_TEST_POSTGRES is required."), staff, units, months);
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
