using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using AnBien.Bot.Tests.Support.Cluster;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AnBien.Bot.Tests.Deployment;

/// <summary>
/// Two instances of the Release build on one PostgreSQL behind nginx, round robin (issue 13 item 2, issue 9 "Done
/// when"): everything a person or an operator does through the proxy works whichever instance serves it, and
/// happens once. deployment/README.md ("Several instances") says what this proves.
/// </summary>
public sealed class SeveralInstancesTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    [ClusterFact]
    public async Task WholeSelfAssessmentWorksWithEveryTurnOnTheOtherInstance()
    {
        using var http = cluster.CreateClient();
        var chat = await ProxiedChat.LinkAsync(http, cluster, "NV001");
        var linkedAfter = chat.PostedOn.Count;

        Assert.Contains("Bắt đầu", (await chat.SayAsync("tự đánh giá"))[^1].Buttons);
        var current = (await chat.SayAsync("Bắt đầu"))[^1];
        var pressed = new List<string>();
        for (var turns = 0; !current.Buttons.Contains("Gửi"); turns++)
        {
            Assert.True(turns < 80, $"The review never came; last reply: {current}");
            var answer = current.Buttons switch
            {
                var b when b.Contains("Không xảy ra") => "Không xảy ra",
                var b when b.Contains("Thêm ghi chú") => "Tiếp tục",
                var b when b.Contains("Bỏ qua") => "Bỏ qua",
                _ => AssessmentWalk.ItemNumber(current.Text) % 3 == 0 ? "Đôi khi" : "Thường xuyên",
            };
            if (AssessmentWalk.ItemNumber(current.Text) > 0) pressed.Add(answer);
            current = (await chat.SayAsync(answer))[^1];
        }

        await chat.SayAsync("Gửi");

        // Every turn after the link went to the instance that did not take the one before.
        var turnsOn = chat.PostedOn.Skip(linkedAfter).ToList();
        Assert.All(turnsOn.Zip(turnsOn.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal(cluster.Instances.Select(i => i.Address).Order(), turnsOn.Distinct().Order());

        // Each of the 34 questions arrived once, and the stored answers are the ones pressed.
        var questions = chat.BotTexts().Select(AssessmentWalk.ItemNumber).Where(n => n > 0).ToList();
        Assert.Equal(Enumerable.Range(1, 34), questions);
        await using var db = cluster.CreateDbContext();
        var assessment = await db.Assessments.Include(a => a.Staff).Include(a => a.Period)
            .SingleAsync(a => a.Staff!.Code == "NV001" && a.Period!.Month == cluster.Month);
        Assert.Equal(AssessmentStatus.Submitted, assessment.Status);
        var stored = await db.Answers.Where(a => a.AssessmentId == assessment.Id).Select(a => a.ChoiceCode).ToListAsync();
        Assert.Equal(34, stored.Count);
        Assert.Equal(pressed.Count(p => p == "Đôi khi"), stored.Count(c => c == "DK"));
        Assert.Equal(pressed.Count(p => p == "Thường xuyên"), stored.Count(c => c == "TX"));
        Assert.Equal(pressed.Count(p => p == "Không xảy ra"), stored.Count(c => c == "KXR"));
    }

    [ClusterFact]
    public async Task DirectLineStreamCarriesRepliesStoredByEitherInstance()
    {
        using var http = cluster.CreateClient();
        var chat = await ProxiedChat.OpenAsync(http);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await socket.ConnectAsync(new Uri(chat.StreamUrl), CancellationToken.None);
        var streamOn = socket.HttpResponseHeaders![NginxProxy.UpstreamHeader].Single();
        var other = cluster.Instances.Single(i => i.Address != streamOn).Address;

        var clock = Stopwatch.StartNew();
        var elsewhere = await chat.PostAsync("trợ giúp", instance: other);
        var here = await chat.PostAsync("xin chào", instance: streamOn);
        var streamed = await ReceiveUntilAsync(socket, frames => RepliedTo(frames, elsewhere) && RepliedTo(frames, here), TimeSpan.FromSeconds(30));

        Assert.Equal([other, streamOn], chat.PostedOn);
        var ids = streamed.Select(a => a["id"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Equal(ids.Distinct(), ids);
        Assert.Contains(streamed, a => a["id"]?.GetValue<string>() == elsewhere && a["text"]?.GetValue<string>() == "trợ giúp");
        Assert.Contains(streamed, a => a["id"]?.GetValue<string>() == here && a["text"]?.GetValue<string>() == "xin chào");
        // Another instance's replies reach the stream on its next look at the database (DirectLineStream: every 10 s).
        output.WriteLine($"Both replies on the stream after {clock.Elapsed.TotalSeconds:0.0} s; cluster set up in {cluster.SetUpTime.TotalSeconds:0} s.");
    }

    [ClusterFact]
    public async Task ZaloEventDeliveredToBothInstancesIsAnsweredAndStoredOnce()
    {
        const string user = "6142494823000009007";
        await using (var db = cluster.CreateDbContext())
        {
            var staff = await db.Staff.SingleAsync(s => s.Code == "NV011");
            db.ChannelAccounts.Add(new ChannelAccount
            {
                Channel = "zalo", ChannelUserId = user, StaffId = staff.Id, LinkedAt = DateTimeOffset.UtcNow, LinkedBy = "test",
                LastInteractionAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        using var http = cluster.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PostZaloAsync(http, ZaloText(user, "tự đánh giá"))).Status);
        await ZaloTextArrivesAsync(user, t => t.StartsWith("Tự đánh giá", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await PostZaloAsync(http, ZaloText(user, "bắt đầu"))).Status);
        await ZaloTextArrivesAsync(user, t => t.StartsWith("Câu 1/34", StringComparison.Ordinal));

        var msgId = "cluster-" + Guid.NewGuid().ToString("N");
        var answer = ZaloText(user, "thường xuyên", msgId);
        var first = await PostZaloAsync(http, answer);
        var again = await PostZaloAsync(http, answer);
        await ZaloTextArrivesAsync(user, t => t.StartsWith("Câu 2/34", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, again.Status));
        Assert.NotEqual(first.Upstream, again.Upstream);
        Assert.Single(ZaloTexts(user), t => t.StartsWith("Câu 2/34", StringComparison.Ordinal));
        await using var check = cluster.CreateDbContext();
        var answers = await check.Answers
            .Where(a => check.Assessments.Any(s => s.Id == a.AssessmentId && s.Staff!.Code == "NV011"))
            .Select(a => a.ChoiceCode).ToListAsync();
        Assert.Equal(["TX"], answers);
        Assert.Equal(1, await check.ZaloInbox.CountAsync(e => e.DedupeKey == "msg:" + msgId));
    }

    [ClusterFact]
    public async Task PeriodCloseAndAnnouncementReachEachRecipientOnce()
    {
        using var http = cluster.CreateClient();
        var linking = Stopwatch.StartNew();
        var heads = new Dictionary<string, ProxiedChat>
        {
            ["NV002"] = await ProxiedChat.LinkAsync(http, cluster, "NV002"),
            ["NV009"] = await ProxiedChat.LinkAsync(http, cluster, "NV009"),
        };

        output.WriteLine($"two heads linked through the proxy: {linking.Elapsed.TotalSeconds:0.0} s");

        // A month of its own, so the period the other tests answer in stays open.
        var month = DateTime.ParseExact(cluster.Month, "yyyy-MM", CultureInfo.InvariantCulture).AddMonths(-3).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        await cluster.RunAsync("period", "open", month, "--closes", DateTimeOffset.UtcNow.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await cluster.RunAsync("period", "close", month);
        output.WriteLine($"period open + close commands: {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var shown = $"tháng {int.Parse(month[5..], CultureInfo.InvariantCulture)}/{month[..4]}";
        foreach (var (_, chat) in heads) await TextArrivesAsync(chat, t => t.StartsWith("Tổng hợp", StringComparison.Ordinal) && t.Contains(shown, StringComparison.Ordinal));
        output.WriteLine($"summaries in both heads' chats {clock.Elapsed.TotalSeconds:0.0} s after the close");

        var text = "Thông báo thử hai phiên bản " + Guid.NewGuid().ToString("N")[..6];
        clock.Restart();
        await cluster.RunAsync("announce", "--text", text, "--audience", "staff:NV002,NV009");
        output.WriteLine($"announce command: {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        foreach (var (_, chat) in heads) await TextArrivesAsync(chat, t => t.Contains(text, StringComparison.Ordinal));
        output.WriteLine($"announcement in both chats {clock.Elapsed.TotalSeconds:0.0} s after it was queued");

        // Both instances run the scheduler and the delivery workers; give the slower one time to send a second copy.
        await Task.Delay(TimeSpan.FromSeconds(4));
        foreach (var (code, chat) in heads)
        {
            await chat.ReadAsync();
            var texts = chat.BotTexts();
            Assert.True(texts.Count(t => t.StartsWith("Tổng hợp", StringComparison.Ordinal) && t.Contains(shown, StringComparison.Ordinal)) == 1, $"{code} got: {string.Join(" ¶ ", texts)}");
            Assert.True(texts.Count(t => t.Contains(text, StringComparison.Ordinal)) == 1, $"{code} got: {string.Join(" ¶ ", texts)}");
        }

        await using var db = cluster.CreateDbContext();
        Assert.Equal(1, await db.Announcements.CountAsync(a => a.OccurrenceKey == $"close@{month}"));
    }

    [ClusterFact]
    public async Task ProxiedRequestsNeverTakeTheLocalModeOrAForgedClientAddress()
    {
        using var http = cluster.CreateClient();
        var refusedOn = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var proxied = await http.PostAsJsonAsync("/api/messages", LocalActivity($"conv-proxied-{i}"));
            Assert.Equal(HttpStatusCode.Unauthorized, proxied.StatusCode);
            refusedOn.Add(ProxiedChat.UpstreamOf(proxied));
        }

        // The same request straight to an instance on loopback is served: the local mode is on, and only the proxy refuses it.
        using var direct = new HttpClient { BaseAddress = cluster.Instances[0].BaseAddress };
        using var local = await direct.PostAsJsonAsync("/api/messages", LocalActivity("conv-direct"));
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(cluster.Instances.Count, refusedOn.Distinct().Count());
        await EventuallyAsync(() => cluster.World.Calls.Any(c => c.Path.Contains("conv-direct", StringComparison.Ordinal)));
        Assert.DoesNotContain(cluster.World.Calls, c => c.Path.Contains("conv-proxied", StringComparison.Ordinal));

        // A client claiming a new address in X-Forwarded-For each time stays one client: its starts run out on both
        // instances, while another client (another loopback address) still starts a conversation.
        using var forger = cluster.CreateClient(sourceAddress: "127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        TimeSpan? retryAfter = null;
        for (var i = 0; i < 2 * ClusterFixture.StartsPerMinute + 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations") { Content = JsonContent.Create(new { }) };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"198.51.100.{i + 1}");
            using var response = await forger.SendAsync(request);
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.Delta;
        }

        using var someoneElse = cluster.CreateClient(sourceAddress: "127.0.0.3");
        using var theirs = await someoneElse.PostAsJsonAsync("/v3/directline/conversations", new { });

        Assert.Equal(2 * ClusterFixture.StartsPerMinute, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotNull(retryAfter);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
    }

    private JsonObject LocalActivity(string conversation) => new()
    {
        ["type"] = "message",
        ["id"] = "act-" + conversation,
        ["channelId"] = "emulator",
        ["serviceUrl"] = cluster.World.BaseAddress.ToString(),
        ["from"] = new JsonObject { ["id"] = "29:lan", ["aadObjectId"] = "00000000-0000-4000-8000-000000000001" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot" },
        ["conversation"] = new JsonObject { ["id"] = conversation },
        ["text"] = "menu",
    };

    private string ZaloText(string user, string text, string? msgId = null) => new JsonObject
    {
        ["app_id"] = ClusterFixture.ZaloAppId,
        ["sender"] = new JsonObject { ["id"] = user },
        ["recipient"] = new JsonObject { ["id"] = ClusterFixture.ZaloOaId },
        ["event_name"] = "user_send_text",
        ["message"] = new JsonObject { ["text"] = text, ["msg_id"] = msgId ?? Guid.NewGuid().ToString("N") },
        ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
    }.ToJsonString();

    private static async Task<(HttpStatusCode Status, string Upstream)> PostZaloAsync(HttpClient http, string body)
    {
        var timestamp = JsonNode.Parse(body)!["timestamp"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/zalo") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-ZEvent-Signature",
            ZaloSignatureVerifier.Mac(ClusterFixture.ZaloAppId, Encoding.UTF8.GetBytes(body), timestamp, ClusterFixture.ZaloOaSecret));
        using var response = await http.SendAsync(request);
        return (response.StatusCode, ProxiedChat.UpstreamOf(response));
    }

    private List<string> ZaloTexts(string user) =>
        cluster.World.ZaloMessagesTo(user).Select(m => m["message"]?["text"]?.GetValue<string>() ?? "").ToList();

    private Task ZaloTextArrivesAsync(string user, Func<string, bool> wanted) => EventuallyAsync(() => ZaloTexts(user).Any(wanted));

    private Task TextArrivesAsync(ProxiedChat chat, Func<string, bool> wanted) => WaitForAsync(async () =>
    {
        await chat.ReadAsync();
        return chat.BotTexts().Any(wanted);
    }, () => "The chat holds: " + string.Join(" ¶ ", chat.BotTexts()));

    private Task EventuallyAsync(Func<bool> done) => WaitForAsync(() => Task.FromResult(done()));

    private async Task WaitForAsync(Func<Task<bool>> done, Func<string>? describe = null)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(100))
        {
            if (await done()) return;
        }

        Assert.Fail($"Not reached within 30 s. {describe?.Invoke()}\n{cluster.Consoles()}");
    }

    private static bool RepliedTo(List<JsonNode> activities, string id) =>
        activities.Any(a => a["replyToId"]?.GetValue<string>() == id && a["from"]?["role"]?.GetValue<string>() == "bot");

    /// <summary>The activities of the stream's frames until <paramref name="done"/> holds.</summary>
    private static async Task<List<JsonNode>> ReceiveUntilAsync(ClientWebSocket socket, Func<List<JsonNode>, bool> done, TimeSpan limit)
    {
        var activities = new List<JsonNode>();
        var buffer = new byte[256 * 1024];
        using var timeout = new CancellationTokenSource(limit);
        while (!done(activities))
        {
            var frame = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, timeout.Token);
                frame.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);

            if (frame.Length == 0) continue;
            activities.AddRange(JsonNode.Parse(frame.ToArray())!["activities"]!.AsArray().Select(a => a!.DeepClone()));
        }

        return activities;
    }
}
