using System.Diagnostics;
using AnBien.Bot.Assessment;
using AnBien.Bot.Conversations;
using AnBien.Bot.Directory;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using AnBien.Bot.SummaryBenchmark;
using Npgsql;

// Summaries at province scale on PostgreSQL: generated staff, units and months of submitted self-assessments (bulk
// COPY), then the three figures of issue 10: one unit's monthly summary, the organisation's yearly roll-up, and the
// workbook of a 500-person unit. Usage:
//   dotnet run -c Release --project benchmarks/AnBien.Bot.SummaryBenchmark -- --connection "<admin connection string>"
//       [--staff 30000] [--units 1000] [--months 24] [--database <name to keep and reuse on later runs>]
var options = SummaryBenchOptions.Parse(args);
var name = options.Database ?? "anbien_summary_bench_" + Guid.NewGuid().ToString("N")[..8];
var reuse = false;
await using (var admin = new NpgsqlConnection(options.Connection))
{
    await admin.OpenAsync();
    await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
    exists.Parameters.AddWithValue("name", name);
    reuse = (long)(await exists.ExecuteScalarAsync())! > 0;
    if (!reuse)
    {
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
    }
}

var generated = false;

var connection = new NpgsqlConnectionStringBuilder(options.Connection) { Database = name }.ToString();
try
{
    var builder = WebApplication.CreateBuilder();
    builder.Configuration["Storage:Provider"] = "Postgres";
    builder.Configuration["ConnectionStrings:Bot"] = connection;
    builder.Configuration["Catalogue:File"] = Path.Combine(SummaryBenchOptions.FindRepositoryRoot(), "Resources", "catalogues", "kh-118-2019.json");
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddStorage(builder.Configuration, builder.Environment);
    builder.Services.AddConversations();
    builder.Services.AddDirectory();
    builder.Services.AddSummaries();
    await using var app = builder.Build();
    var factory = app.Services.GetRequiredService<BotDbContextFactory>();
    await factory.MigrateAsync();

    Console.WriteLine($"Summary benchmark: {options.Staff} staff, {options.Units} units, {options.Months} months, PostgreSQL, {Environment.ProcessorCount} cores");
    var generation = Stopwatch.StartNew();
    var data = reuse ? await ProvinceData.CountAsync(connection, options) : await ProvinceData.GenerateAsync(app.Services, connection, options);
    generated = true;
    Console.WriteLine($"{(reuse ? "reused" : "generated")} {data.Assessments:N0} submitted assessments and {data.Answers:N0} answers in {generation.Elapsed.TotalSeconds:0}s");

    var summaries = app.Services.GetRequiredService<SummaryService>();
    var lastMonth = SummaryPeriod.Parse(data.LastMonth);
    var year = SummaryPeriod.Parse(data.LastMonth[..4]);

    // One unit's month: the first call also computes the organisation's month (then cached); later calls do not.
    var cold = await TimeAsync(factory, db => summaries.ComputeAsync(db, data.SmallUnits[0], false, lastMonth, previousLists: false, default));
    var warm = new List<double>();
    foreach (var unit in data.SmallUnits.Skip(1).Take(20)) warm.Add(await TimeAsync(factory, db => summaries.ComputeAsync(db, unit, false, lastMonth, previousLists: false, default)));
    warm.Sort();
    Console.WriteLine($"one unit's monthly summary (~{options.Staff / options.Units} people, with previous month and organisation): first {cold:0} ms, then median {warm[warm.Count / 2]:0} ms, max {warm[^1]:0} ms (target < 50 ms)");

    // As the chat reply, the workbook and the push compute it (the year before by its figures), then as the JSON of
    // the command line does (the year before with its lists too).
    var rollUps = new List<double>();
    for (var i = 0; i < 3; i++) rollUps.Add(await TimeAsync(factory, db => summaries.ComputeAsync(db, data.Root, true, year, previousLists: false, default)));
    Console.WriteLine($"organisation-wide yearly roll-up {year.Label} (with the year before): {string.Join(" / ", rollUps.Select(t => t.ToString("0")))} ms (target < 2000 ms)");
    var fullRollUps = new List<double>();
    for (var i = 0; i < 3; i++) fullRollUps.Add(await TimeAsync(factory, db => summaries.ComputeAsync(db, data.Root, true, year, previousLists: true, default)));
    Console.WriteLine($"  the same with the year before's lists (summary --format json): {string.Join(" / ", fullRollUps.Select(t => t.ToString("0")))} ms");

    var workbook = app.Services.GetRequiredService<SummaryWorkbook>();
    var books = new List<double>();
    var parts = new List<string>();
    long size = 0;
    for (var i = 0; i < 3; i++)
    {
        books.Add(await TimeAsync(factory, async db =>
        {
            var part = Stopwatch.StartNew();
            var summary = await summaries.ComputeAsync(db, data.BigUnit, false, lastMonth, previousLists: false, default);
            var computed = part.Elapsed.TotalMilliseconds;
            using var stream = new MemoryStream();
            await workbook.WriteAsync(db, summary!, TextCatalog.Vietnamese, stream, default);
            parts.Add($"{computed:0} + {part.Elapsed.TotalMilliseconds - computed:0}");
            size = stream.Length;
            return summary;
        }));
    }

    Console.WriteLine($"workbook of the {data.BigUnitSize}-person unit, one month ({size / 1024:N0} KiB): {string.Join(" / ", books.Select(t => t.ToString("0")))} ms (target < 3000 ms)");
    Console.WriteLine($"  of which summary + sheets (queries and writing): {string.Join(" / ", parts)} ms");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    if (options.Database is null || !generated) await DropAsync(options.Connection, name);
}

// A kept database (--database) is dropped only when its generation failed, so a half-written one is never reused.
static async Task DropAsync(string adminConnection, string name)
{
    await using var admin = new NpgsqlConnection(adminConnection);
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
    await drop.ExecuteNonQueryAsync();
}

static async Task<double> TimeAsync<T>(BotDbContextFactory factory, Func<BotDbContext, Task<T>> work)
{
    await using var db = factory.Create();
    var clock = Stopwatch.StartNew();
    await work(db);
    return clock.Elapsed.TotalMilliseconds;
}
