using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Tests.Channels.Zalo;

namespace AnBien.Bot.Tests.Security.Fuzz;

/// <summary>
/// Builds one junk request from a seed, for one of the service's doors: Bot Framework activities (local mode),
/// Direct Line posts and its other calls, the web chat page's session and demo sign-in, and Zalo events signed as Zalo
/// signs them (so they get past the signature and reach the inbox).
/// </summary>
/// <param name="lanConversation">The conversation of the person mid-assessment: junk from others is sent into it too.</param>
/// <param name="directLine">Open Direct Line conversations and their tokens, so junk gets past the token check.</param>
/// <param name="now">The service's clock, for Zalo timestamps it accepts.</param>
public sealed class FuzzRequests(string lanConversation, IReadOnlyList<(string Id, string Token)> directLine, DateTimeOffset now)
{
    private static readonly string[] ActivityFields =
    [
        "type", "id", "channelId", "serviceUrl", "text", "value", "locale", "timestamp", "replyToId", "name", "action", "textFormat",
        "from", "from.id", "from.name", "from.aadObjectId", "from.role", "conversation", "conversation.id", "conversation.conversationType",
        "conversation.tenantId", "recipient", "recipient.id", "channelData", "channelData.tenant.id", "channelData.clientActivityID",
        "attachments", "membersAdded", "membersRemoved", "entities", "suggestedActions", "value.action", "value.answer",
    ];

    private static readonly string[] ZaloFields =
    [
        "event_name", "sender.id", "recipient.id", "message", "message.text", "message.msg_id", "message.attachments", "follower.id",
        "user_id_by_app", "info", "info.phone", "source", "oa_id", "message.attachments.0", "timestamp",
    ];

    private static readonly string[] ActivityTypes =
        ["message", "conversationUpdate", "invoke", "event", "messageReaction", "installationUpdate", "typing", "endOfConversation", "MESSAGE", "", "x"];

    private static readonly string[] ChannelIds = ["emulator", "msteams", "webchat", "directline", "zalo", "MSTEAMS", "slack", "", "emulator\0"];

    private static readonly string[] ServiceUrls =
    [
        "http://localhost:3978/", "http://127.0.0.1:1/internal/", "http://[::1]:3978", "file:///etc/passwd", "http://localhost:3978/../../x",
        "javascript:alert(1)", "http://169.254.169.254/latest/", "", "http://localhost:99999/", "http://user:pass@localhost/",
    ];

    private static readonly string[] ZaloEvents =
        ["user_send_text", "user_send_image", "user_send_link", "user_submit_info", "follow", "unfollow", "user_send_sticker", "oa_send_text", "user_received_message"];

    // Real people other than Lan (a unit head, the council, a leader) and strangers: junk may speak as them, not as her.
    private static readonly string[] AadObjectIds =
    [
        "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000006", "00000000-0000-4000-8000-000000000004",
        "00000000-0000-4000-8000-999999999999",
    ];

    private static int _zaloClock;

    public FuzzCase Create(int seed)
    {
        var junk = new Junk(seed);
        return junk.Random.Next(10) switch
        {
            < 4 => Activity(seed, junk),
            < 6 => DirectLinePost(seed, junk),
            6 => DirectLineOther(seed, junk),
            7 => WebChatPage(seed, junk),
            _ => Zalo(seed, junk),
        };
    }

    private FuzzCase Activity(int seed, Junk junk)
    {
        var activity = new JsonObject
        {
            ["type"] = junk.Pick(ActivityTypes),
            ["id"] = "fuzz-" + seed.ToString(CultureInfo.InvariantCulture),
            ["channelId"] = junk.Pick(ChannelIds),
            ["serviceUrl"] = junk.Chance(0.7) ? "http://localhost:3978/" : junk.Pick(ServiceUrls),
            ["from"] = new JsonObject { ["id"] = "29:fuzz-" + junk.Random.Next(20), ["aadObjectId"] = junk.Chance(0.8) ? junk.Pick(AadObjectIds) : junk.Id() },
            ["recipient"] = new JsonObject { ["id"] = "28:bot" },
            ["conversation"] = new JsonObject { ["id"] = junk.Chance(0.3) ? lanConversation : "fuzz-conv-" + junk.Random.Next(20) },
            ["text"] = junk.Text(),
        };
        if (junk.Chance(0.3)) activity["value"] = junk.Object();
        junk.Mutate(activity, ActivityFields, junk.Random.Next(0, 5));
        return Build(seed, "activity", HttpMethod.Post, "/api/messages", junk.Body(junk.Chance(0.05) ? junk.Value() : activity), junk, token: null);
    }

    private FuzzCase DirectLinePost(int seed, Junk junk)
    {
        var (id, token) = junk.Pick(directLine);
        var activity = new JsonObject
        {
            ["type"] = junk.Chance(0.8) ? "message" : junk.Pick(ActivityTypes),
            ["from"] = new JsonObject { ["id"] = junk.Id(), ["role"] = "user" },
            ["text"] = junk.Text(),
            ["channelData"] = new JsonObject { ["clientActivityID"] = junk.Chance(0.7) ? "client-" + seed : junk.Id() },
        };
        if (junk.Chance(0.3)) activity["value"] = junk.Object();
        junk.Mutate(activity, ActivityFields, junk.Random.Next(0, 4));
        var path = $"/v3/directline/conversations/{(junk.Chance(0.9) ? id : PathSegment(junk.Id()))}/activities";
        return Build(seed, "directline-post", HttpMethod.Post, path, junk.Body(activity), junk, junk.Chance(0.9) ? token : junk.Id());
    }

    private FuzzCase DirectLineOther(int seed, Junk junk)
    {
        var (id, token) = junk.Pick(directLine);
        var conversation = junk.Chance(0.6) ? id : PathSegment(junk.Id());
        var watermark = Uri.EscapeDataString(junk.Chance(0.5) ? junk.Random.Next(-5, 1000).ToString(CultureInfo.InvariantCulture) : junk.Text());
        var (method, path) = junk.Random.Next(6) switch
        {
            0 => (HttpMethod.Post, "/v3/directline/tokens/refresh"),
            1 => (HttpMethod.Post, "/v3/directline/conversations"),
            2 => (HttpMethod.Post, "/v3/directline/tokens/generate"),
            3 => (HttpMethod.Get, $"/v3/directline/conversations/{conversation}?watermark={watermark}"),
            4 => (HttpMethod.Get, $"/v3/directline/conversations/{conversation}/stream?t={PathSegment(junk.Id())}&watermark={watermark}"),
            _ => (HttpMethod.Get, $"/v3/directline/conversations/{conversation}/activities?watermark={watermark}"),
        };
        var body = method == HttpMethod.Post ? junk.Body(junk.Chance(0.5) ? junk.Object() : new JsonObject { ["user"] = new JsonObject { ["id"] = junk.Id() } }) : [];
        return Build(seed, "directline", method, path, body, junk, junk.Chance(0.7) ? token : junk.Chance(0.5) ? junk.Id() : null);
    }

    private FuzzCase WebChatPage(int seed, Junk junk)
    {
        var signIn = junk.Chance(0.4);
        var body = signIn
            ? new JsonObject { ["staffCode"] = junk.Chance(0.5) ? junk.Pick(["nv001", "NV00１", " NV001", "NV001\0", "NV0O1"]) : junk.Value() }
            : new JsonObject { ["browserKey"] = junk.Chance(0.5) ? junk.Id() : junk.Value(), ["conversationId"] = junk.Chance(0.5) ? junk.Pick(directLine).Id : junk.Value() };
        junk.Mutate(body, signIn ? ["staffCode"] : ["browserKey", "conversationId"], junk.Random.Next(0, 3));
        var token = signIn && junk.Chance(0.7) ? junk.Pick(directLine).Token : null;
        return Build(seed, "webchat", HttpMethod.Post, signIn ? "/api/webchat/demo-signin" : "/api/webchat/session", junk.Body(junk.Chance(0.1) ? null : body), junk, token);
    }

    private FuzzCase Zalo(int seed, Junk junk)
    {
        // Each event its own millisecond (as Zalo stamps them), within the accepted age.
        var timestamp = (now.ToUnixTimeMilliseconds() - Interlocked.Increment(ref _zaloClock)).ToString(CultureInfo.InvariantCulture);
        var user = junk.Chance(0.7) ? "fuzz-zalo-" + junk.Random.Next(10) : junk.Id();
        var evt = new JsonObject
        {
            ["app_id"] = ZaloTestHost.AppId,
            ["event_name"] = junk.Pick(ZaloEvents),
            ["timestamp"] = junk.Chance(0.5) ? timestamp : JsonValue.Create(long.Parse(timestamp, CultureInfo.InvariantCulture)),
            ["sender"] = new JsonObject { ["id"] = user },
            ["follower"] = new JsonObject { ["id"] = user },
            ["recipient"] = new JsonObject { ["id"] = ZaloTestHost.OaId },
            ["message"] = new JsonObject { ["text"] = junk.Text(), ["msg_id"] = junk.Chance(0.8) ? "fuzz-msg-" + seed : junk.Id() },
        };
        junk.Mutate(evt, ZaloFields, junk.Random.Next(0, 4));
        var body = junk.Chance(0.9) ? junk.Body(evt) : junk.Body(junk.Value());
        var request = Build(seed, "zalo", HttpMethod.Post, "/api/zalo", body, junk, token: null);
        request.Request.Headers.TryAddWithoutValidation("X-ZEvent-Signature", ZaloSignatureVerifier.Mac(ZaloTestHost.AppId, body, timestamp, ZaloTestHost.OaSecret));
        return request;
    }

    /// <summary>An id for a URL path; a NUL there never reaches the service (Kestrel answers 400 itself, the test server throws).</summary>
    private static string PathSegment(string id) => Uri.EscapeDataString(id.Replace("\0", "", StringComparison.Ordinal));

    private static FuzzCase Build(int seed, string target, HttpMethod method, string path, byte[] body, Junk junk, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(body);
            var type = junk.Random.Next(10) switch
            {
                0 => null,
                1 => "text/plain",
                2 => "application/json; charset=utf-16",
                3 => "application/x-www-form-urlencoded",
                _ => "application/json",
            };
            if (type is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }

        // Line breaks and NUL cannot travel in a header at all; anything else may.
        token = token?.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\0", "", StringComparison.Ordinal);
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", junk.Chance(0.9) ? "Bearer " + token : token);
        if (junk.Chance(0.05)) request.Headers.TryAddWithoutValidation("Origin", junk.Chance(0.5) ? "null" : "http://localhost");
        return new FuzzCase(seed, target, request, body);
    }
}
