using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AnBien.Bot.Assessment;
using AnBien.Bot.Tests.Support;
using AnBien.Bot.Tests.Support.Cluster;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AnBien.Bot.Tests.Resilience;

/// <summary>
/// kill -9 while people answer (issue 9 item 7): the Release build in Production, local mode, on a PostgreSQL cluster
/// of the test's own, replying to a fake Bot Connector. Four people answer the self-assessment at once; the process is
/// killed three times at random moments and started again on the same database. As the Bot Connector does, a client
/// sends an activity again (same id) until it gets a 200. Every answer acknowledged with 200 is stored exactly once, and
/// every person ends with their next question delivered (the outbox sends what the killed process did not).
/// </summary>
public sealed class KillTests(ITestOutputHelper output)
{
    private const int Kills = 3;

    private static readonly string[] People =
    [
        "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002",
        "00000000-0000-4000-8000-000000000007", "00000000-0000-4000-8000-000000000011",
    ];

    [SkippableFact]
    public async Task KilledThreeTimesWhilePeopleAnswerLosesNoAcknowledgedAnswerAndDoublesNone()
    {
        await using var cluster = await PrivatePostgres.StartAsync();
        var build = ReleaseBuild.DllAsync();
        await using var database = await TestDatabase.CreateAsync("Postgres", cluster.AdminConnectionString);
        await using var world = await OutsideWorld.StartAsync();
        var environment = Settings(database.ConnectionString);
        var dll = await build;
        await BotInstance.RunCommandAsync(dll, environment, "migrate");
        var demo = Path.Combine(ReleaseBuild.RepositoryRoot(), "Resources", "demo");
        await BotInstance.RunCommandAsync(dll, environment, "import", Path.Combine(demo, "units.csv"), Path.Combine(demo, "staff.csv"));
        var now = DateTimeOffset.UtcNow;
        var month = PeriodWindow.Containing(now, new PeriodOptions())?.Month ?? now.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await BotInstance.RunCommandAsync(dll, environment, "period", "open", month, "--closes", now.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var clock = Stopwatch.StartNew();
        var bot = await BotInstance.StartAsync(dll, environment);
        var consoles = new List<BotInstance> { bot };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var statuses = new ConcurrentBag<string>();
        var acknowledged = new ConcurrentDictionary<string, HashSet<int>>();
        var lastQuestion = new ConcurrentDictionary<string, string>();
        var killsDone = 0;
        var taken = 0;

        async Task<BotReply> TurnAsync(string aad, string text)
        {
            var id = "act-" + Guid.NewGuid().ToString("N");
            var activity = Activity(aad, text, id, world.BaseAddress);
            for (var tries = 0; ; tries++)
            {
                Assert.True(tries < 400, $"{text} ({id}) never got a 200.");
                try
                {
                    using var response = await http.PostAsJsonAsync(new Uri(Volatile.Read(ref bot).BaseAddress, "api/messages"), activity);
                    statuses.Add(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref taken);
                        break;
                    }

                    Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{text} got {(int)response.StatusCode}.");
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    // The process was killed under the request, or is not listening yet: the channel sends it again.
                    statuses.Add("no answer");
                }

                await Task.Delay(100);
            }

            // Acknowledged: the replies reach the connector, now or after a restart, from the outbox.
            for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(20); await Task.Delay(100))
            {
                var replies = RepliesTo(world, id);
                if (replies.Count == 0 || replies[^1].Buttons.Count == 0) continue;
                await Task.Delay(150);
                return RepliesTo(world, id).Last(r => r.Buttons.Count > 0);
            }

            throw new Xunit.Sdk.XunitException($"No reply with choices to the acknowledged '{text}' ({id}) within 20 s (the outbox lease here is 6 s).");
        }

        async Task PersonAsync(string aad)
        {
            var items = acknowledged.GetOrAdd(aad, _ => []);
            var last = await TurnAsync(aad, "tự đánh giá");
            if (last.IsConsentNotice)
            {
                await TurnAsync(aad, "Tôi đồng ý");
                last = await TurnAsync(aad, "tự đánh giá");
            }

            last = await TurnAsync(aad, "Bắt đầu");
            // Until the third restart is over, then four answers more each.
            for (var after = 0; after < 4 && !last.Buttons.Contains("Gửi");)
            {
                var item = AssessmentWalk.ItemNumber(last.Text);
                var press = last.Buttons.FirstOrDefault(b => b is "Không xảy ra" or "Tiếp tục" or "Bỏ qua") ?? last.Buttons[0];
                var reply = await TurnAsync(aad, press);
                if (item > 0 && press != "Tiếp tục") items.Add(item);
                last = reply;
                if (Volatile.Read(ref killsDone) == Kills) after++;
            }

            lastQuestion[aad] = last.Text;
        }

        async Task KillerAsync()
        {
            for (var i = 0; i < Kills; i++)
            {
                // While answers flow: after a random number of turns taken by this process, at a random instant.
                var before = Volatile.Read(ref taken);
                var turns = RandomNumberGenerator.GetInt32(6, 16);
                while (Volatile.Read(ref taken) - before < turns) await Task.Delay(20);
                await Task.Delay(RandomNumberGenerator.GetInt32(0, 300));
                await Volatile.Read(ref bot).KillAsync();
                var again = await BotInstance.StartAsync(dll, environment);
                consoles.Add(again);
                Volatile.Write(ref bot, again);
                Interlocked.Increment(ref killsDone);
                output.WriteLine($"Killed after {Volatile.Read(ref taken)} turns taken; ready again at {clock.Elapsed.TotalSeconds:F1} s.");
            }
        }

        try
        {
            await Task.WhenAll([KillerAsync(), .. People.Select(PersonAsync)]);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s from the first start; " +
                string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}")));

            Assert.Equal(Kills, killsDone);
            Assert.DoesNotContain("500", statuses);
            await using var db = database.Factory.Create();
            foreach (var aad in People)
            {
                var stored = await db.Assessments.Where(a => a.Staff!.TeamsObjectId == aad).SelectMany(a => a.Answers).Select(a => a.ItemCode).ToListAsync();
                output.WriteLine($"{aad[^3..]}: {acknowledged[aad].Count} acknowledged, {stored.Count} stored, ends on: {lastQuestion[aad]}");
                Assert.Equal(stored.Count, stored.Distinct(StringComparer.Ordinal).Count());
                Assert.Equal(acknowledged[aad].Count, stored.Count);
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"Took {clock.Elapsed.TotalSeconds:F0} s.");
        }
        catch
        {
            output.WriteLine(string.Join("\n", consoles.Select(c => c.Console[^Math.Min(c.Console.Length, 4000)..])));
            throw;
        }
        finally
        {
            foreach (var instance in consoles) await instance.DisposeAsync();
        }
    }

    /// <summary>The bot's replies to one activity, as the connector received them, in order.</summary>
    private static List<BotReply> RepliesTo(OutsideWorld world, string activityId) =>
        world.Calls.Where(c => c.Path.EndsWith("/activities/" + activityId, StringComparison.Ordinal) && c.Body is not null)
            .Select(c => new BotReply(c.Body!)).ToList();

    private static JsonObject Activity(string aad, string text, string id, Uri serviceUrl) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["channelId"] = "emulator",
        ["serviceUrl"] = serviceUrl.ToString(),
        ["from"] = new JsonObject { ["id"] = "29:" + aad[^3..], ["aadObjectId"] = aad },
        ["recipient"] = new JsonObject { ["id"] = "28:bot" },
        ["conversation"] = new JsonObject { ["id"] = "conv-" + aad[^3..], ["conversationType"] = "personal" },
        ["text"] = text,
    };

    private static Dictionary<string, string> Settings(string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Storage__Provider"] = "Postgres",
        ["ConnectionStrings__Bot"] = connectionString,
        ["Storage__MigrateOnStart"] = "false",
        ["WebChat__TokenSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        ["BotFramework__AllowLocalMode"] = "true",
        ["Demo__Enabled"] = "false",
        ["Outbox__PollInterval"] = "00:00:00.500",
        // A killed process leaves the replies it had claimed leased to itself: no one sends them before the lease ends
        // (2 minutes by default, so a person may wait that long after a crash). Short here, so the test sees them sent.
        ["Outbox__AttemptTimeout"] = "00:00:04",
        ["Outbox__Lease"] = "00:00:06",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__Console__FormatterName"] = "simple",
    };
}
