namespace AnBien.Bot.Tests.Support;

/// <summary>A measurement on PostgreSQL, run only on request (ANBIEN_BENCH=1); reported as skipped otherwise.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (!TestDatabase.PostgresAvailable) Skip = $"{TestDatabase.PostgresVariable} is not set; this benchmark needs PostgreSQL.";
        else if (Environment.GetEnvironmentVariable("ANBIEN_BENCH") != "1") Skip = "Benchmark: run with ANBIEN_BENCH=1 (see BENCHMARKS.md).";
    }
}
