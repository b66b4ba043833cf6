using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Benchmarks;

// Turn throughput and latency of the real service over loopback HTTP: the bot runs as its own process (Release),
// a fake Bot Connector in this process receives the replies, and N conversations answer the self-assessment at once.
// Usage: dotnet run -c Release --project benchmarks/AnBien.Bot.Benchmarks -- [--conversations 50] [--seconds 20]
//        [--warmup 30] [--provider Sqlite|Postgres --connection "<admin connection string>"] [--floor http|sqlite]
// --floor runs FloorBot (the least a bot on this protocol does per turn) under the same load instead of the bot.
// The warm-up runs the measured load, unmeasured, first: for the first half-minute or so the runtime is still
// compiling the hot methods again (tiered compilation with PGO), which a short window would count as turn cost.
if (args is ["floor-bot", var floorMode, var floorUrl, var floorFile]) return await FloorBot.RunAsync(floorMode, floorUrl, floorFile);
var options = BenchOptions.Parse(args);
var repo = BenchOptions.FindRepositoryRoot();
using var work = new TempFolder();

Console.WriteLine($"{(options.Floor is { } f ? $"FLOOR ({f}), not AnBien.Bot" : "AnBien.Bot")} turn benchmark: {options.Conversations} conversations, {options.Seconds}s measured, {options.Provider}, {Environment.ProcessorCount} cores");
// The notice's opening words, from the bot's own texts: no measured reply may be the notice.
var noticeStart = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(repo, "Resources", "texts", "vi.json")))!["consent.notice"]!.GetValue<string>()[..30];
await using var connector = await FakeConnector.StartAsync(noticeStart);
var environment = await BenchDatabase.PrepareAsync(options, work.Path);
// Production, with the Emulator's local mode switched on explicitly: no credentials, loopback only, replies to the fake
// connector on 127.0.0.1 (issue 9 item 1 keeps the local mode off in Production otherwise).
environment["ASPNETCORE_ENVIRONMENT"] = "Production";
environment["BotFramework__AllowLocalMode"] = "true";
environment["Logging__LogLevel__Default"] = "Warning";
// Production refuses to start without a web chat secret; a throw-away one per run (never a real secret).
environment["WebChat__TokenSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

var staffCsv = Path.Combine(work.Path, "bench-staff.csv");
await File.WriteAllLinesAsync(staffCsv, BenchDirectory.StaffCsv(options.Conversations));
var bot = new BotProcess(repo, environment, options.Floor, Path.Combine(work.Path, "floor.db"));
if (options.Floor is null)
{
    await bot.RunCommandAsync("import", Path.Combine(repo, "Resources", "demo", "units.csv"));
    await bot.RunCommandAsync("import", staffCsv);
    var month = DateTime.UtcNow.AddHours(7).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    await bot.RunCommandAsync("period", "open", month, "--closes", DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

await using var server = await bot.StartServerAsync();

using var http = new HttpClient { BaseAddress = server.BaseAddress };
var latencies = new ConcurrentBag<double>();
var failures = 0;
var measuring = false;
var stopAt = DateTime.MaxValue;
string[] pattern = ["2", "thuong xuyen", "quay lại", "quay lại"]; // keeps each person moving between items 1–3

async Task<bool> SayAsync(int person, string text)
{
    var activity = new JsonObject
    {
        ["type"] = "message", ["id"] = Guid.NewGuid().ToString("N"), ["channelId"] = "emulator",
        ["serviceUrl"] = connector.BaseAddress.ToString(),
        ["from"] = new JsonObject { ["id"] = $"bench-{person}", ["aadObjectId"] = BenchDirectory.ObjectId(person) },
        ["recipient"] = new JsonObject { ["id"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = $"bench-conv-{person}" },
        ["text"] = text,
    };
    var start = Stopwatch.GetTimestamp();
    using var response = await http.PostAsJsonAsync("/api/messages", activity);
    if (measuring) latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
    return response.IsSuccessStatusCode;
}

// Warm-up: every person agrees to the privacy notice (the link by object id waits for it), opens the month and starts
// (creates the assessment). Without the agreement every measured turn would only show the notice again.
await Parallel.ForEachAsync(Enumerable.Range(0, options.Conversations), async (p, _) =>
{
    await SayAsync(p, "tự đánh giá");
    await SayAsync(p, "Tôi đồng ý");
    await SayAsync(p, "tự đánh giá");
    await SayAsync(p, "Bắt đầu");
    for (var i = 0; i < 8; i++) await SayAsync(p, pattern[i % pattern.Length]);
});

async Task LoadAsync(int seconds)
{
    stopAt = DateTime.UtcNow.AddSeconds(seconds);
    await Task.WhenAll(Enumerable.Range(0, options.Conversations).Select(async p =>
    {
        for (var i = 0; DateTime.UtcNow < stopAt; i++) await SayAsync(p, pattern[i % pattern.Length]);
    }));
}

Console.WriteLine($"warm-up under load: {options.WarmupSeconds}s");
await LoadAsync(options.WarmupSeconds);

var before = connector.Received;
var noticesBefore = connector.Notices;
// Each person saw the notice once in the warm-up, before agreeing: this also shows the check recognises it.
if (options.Floor is null) Console.WriteLine($"privacy notices in the warm-up: {noticesBefore} (one per person expected)");
var botCpu = server.CpuTime();
// The PostgreSQL server's processes, scanned in /proc only when it is the database (the scan is the client's CPU).
var postgres = options.Provider != "Sqlite";
var databaseCpu = postgres ? BotServer.CpuTimeOf("postgres") : TimeSpan.Zero;
var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
measuring = true;
await LoadAsync(options.Seconds);
measuring = false;
var elapsed = clock.Elapsed.TotalSeconds;
botCpu = server.CpuTime() - botCpu;
databaseCpu = postgres ? BotServer.CpuTimeOf("postgres") - databaseCpu : TimeSpan.Zero;
ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;

var sorted = latencies.Order().ToArray();
double Pct(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
Console.WriteLine($"turns: {sorted.Length} in {elapsed:0.0}s = {sorted.Length / elapsed:0} turns/s; failures: {failures}");
Console.WriteLine($"latency ms: p50 {Pct(0.50):0.0}  p95 {Pct(0.95):0.0}  p99 {Pct(0.99):0.0}  max {sorted.LastOrDefault():0.0}");
Console.WriteLine($"replies received by the fake connector while measuring: {connector.Received - before}");
Console.WriteLine($"CPU ms per turn: bot {botCpu.TotalMilliseconds / Math.Max(1, sorted.Length):0.00}  benchmark client + fake connector {ownCpu.TotalMilliseconds / Math.Max(1, sorted.Length):0.00}");
// The PostgreSQL server shares the cores: its CPU per turn bounds the turns per second as much as the bot's does.
if (postgres) Console.WriteLine($"CPU ms per turn: PostgreSQL server processes {databaseCpu.TotalMilliseconds / Math.Max(1, sorted.Length):0.00}");
Console.WriteLine($"bot process peak memory (VmHWM): {server.PeakMemoryMiB():0} MiB");
var notices = connector.Notices - noticesBefore;
if (notices > 0) Console.WriteLine($"NOT A SELF-ASSESSMENT RUN: {notices} measured replies were the privacy notice");
return failures == 0 && notices == 0 ? 0 : 1;
