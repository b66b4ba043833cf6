using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Directory;

namespace AnBien.Bot.Tests.Support;

/// <summary>A Bot Framework client on loopback (like the Emulator): posts activities, returns the bot's replies.</summary>
public sealed class ChatClient(BotApplication app, string userId, string? aadObjectId, string channel)
{
    private readonly HttpClient _http = app.CreateClient();
    private int _sequence;

    public string ConversationId { get; init; } = "conv-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Where the bot replies: the Emulator's address on this machine, as the local mode requires.</summary>
    public string ServiceUrl { get; init; } = "http://localhost:3978/";

    /// <summary>
    /// Whether this person answers the privacy notice with "Tôi đồng ý" on their own (the default), so that tests about
    /// something else need no consent step: when a message draws the notice, the client agrees and, unless the message
    /// was an activation code, sends it again, as the person would. Tests of the consent itself turn this off.
    /// </summary>
    public bool AgreesToNotice { get; init; } = true;

    /// <summary>The same person and conversation, talking to another instance (or the service after a restart).</summary>
    public ChatClient On(BotApplication other) =>
        new(other, userId, aadObjectId, channel) { ConversationId = ConversationId, ServiceUrl = ServiceUrl, AgreesToNotice = AgreesToNotice };

    /// <summary>The same person and conversation, answering the privacy notice themselves.</summary>
    public ChatClient WithoutAgreeing() =>
        new(app, userId, aadObjectId, channel) { ConversationId = ConversationId, ServiceUrl = ServiceUrl, AgreesToNotice = false };

    /// <summary>Sends a message and returns the reply activities the bot posted to the connector for it.</summary>
    public async Task<IReadOnlyList<BotReply>> SayAsync(string text, string? activityId = null, object? value = null)
    {
        var (status, replies) = await SendAsync(text, activityId, value);
        Assert.Equal(HttpStatusCode.OK, status);
        if (!AgreesToNotice || replies.Count == 0 || !replies[^1].IsConsentNotice) return replies;

        var agreed = await SendAsync(NoticeAgreeLabel);
        Assert.Equal(HttpStatusCode.OK, agreed.Status);
        if (!BotReply.SaidAgainAfterAgreeing(text, replies)) return [.. replies, .. agreed.Replies];
        var again = await SendAsync(text, null, value);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        return [.. replies, .. agreed.Replies, .. again.Replies];
    }

    private const string NoticeAgreeLabel = "Tôi đồng ý";

    public async Task<(HttpStatusCode Status, IReadOnlyList<BotReply> Replies)> SendAsync(string? text, string? activityId = null, object? value = null)
    {
        var id = activityId ?? $"act-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}";
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = channel,
            ["serviceUrl"] = ServiceUrl,
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Test user", ["aadObjectId"] = aadObjectId },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "AnBien.Bot" },
            ["conversation"] = new JsonObject { ["id"] = ConversationId, ["conversationType"] = "personal" },
            ["text"] = text,
        };
        if (value is not null) activity["value"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(value));
        var before = app.Connector.Requests.Count;
        var response = await _http.PostAsJsonAsync("/api/messages", activity);
        var replies = app.Connector.Requests.Skip(before)
            .Where(r => r.Uri.AbsolutePath.EndsWith("/activities/" + Uri.EscapeDataString(id), StringComparison.Ordinal)
                && r.Uri.AbsolutePath.Contains(Uri.EscapeDataString(ConversationId), StringComparison.Ordinal))
            .Select(r => new BotReply(r.Json!))
            .ToList();
        return (response.StatusCode, replies);
    }
}

/// <summary>One reply as the user sees it: the text and the buttons.</summary>
public sealed record BotReply(JsonNode Activity)
{
    public string Text => Activity["text"]?.GetValue<string>() ?? "";

    public IReadOnlyList<string> Buttons =>
        Activity["suggestedActions"]?["actions"]?.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList() ?? [];

    /// <summary>The privacy notice, asked before anyone is linked.</summary>
    public bool IsConsentNotice => Buttons is ["Tôi đồng ý", "Không đồng ý"] or ["I agree", "I do not agree"];

    /// <summary>
    /// Whether the bot recognised the person by a verified identity (not by a code) before showing the notice: then what
    /// they said was not used up by linking, and a person would say it again after agreeing.
    /// </summary>
    public static bool SaidAgainAfterAgreeing(string text, IEnumerable<BotReply> replies) =>
        !LinkingService.LooksLikeCode(text)
        || replies.Any(r => r.Text.StartsWith("Tôi nhận ra anh/chị", StringComparison.Ordinal) || r.Text.StartsWith("I recognise you", StringComparison.Ordinal));

    public override string ToString() => Buttons.Count == 0 ? Text : $"{Text} [{string.Join(" | ", Buttons)}]";
}
