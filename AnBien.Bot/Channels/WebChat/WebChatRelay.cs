using System.Text.Json;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;
using AnBien.Bot.Http;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// The bot's side of the web chat: runs a user's activity through the same engine as every channel, then stores the
/// user's activity (echoed, as Web Chat expects) in the conversation's log, followed by the bot's replies, which the
/// outbox appends (<see cref="WebChatReplyRoute"/>).
/// </summary>
public sealed partial class WebChatRelay(
    ConversationEngine engine,
    WebChatStore store,
    WebChatSignals signals,
    OutboxDispatcher outbox,
    ILogger<WebChatRelay> logger)
{
    public const string Channel = "webchat";
    public const string BotId = "anbien-bot";

    // Direct Line's own limit on a message's text; longer text is cut, not refused.
    private const int MaxTextLength = 4000;

    // What the client attaches (value, channelData) is echoed back as it came, up to this size each; the log is read
    // back by every poll, so no single activity may make it heavy.
    private const int MaxAttachedJsonLength = 4096;

    // Its own lock, not the engine's: both are striped, and one stripe taken twice by the same turn would never be released.
    private readonly KeyedLock _locks = new(1024);

    /// <summary>Handles a message the user posted; returns the id of the stored echo, or null when the bot failed (Direct Line answers 502).</summary>
    public async Task<string?> PostAsync(WebChatToken token, Activity activity, CancellationToken ct)
    {
        var conversationId = token.ConversationId!;
        var clientActivityId = ClientActivityId(activity);
        using var _ = await _locks.AcquireAsync(conversationId, ct);
        if (clientActivityId is not null && await store.FindByClientIdAsync(conversationId, clientActivityId, ct) is { } existing)
        {
            // The client sent the same message again (a retry after a dropped response): it is stored and answered once.
            return existing;
        }

        var echo = Echo(activity, token);
        signals.Ephemeral(conversationId, JsonSerializer.Serialize(Typing(conversationId), BotFrameworkJson.Options));
        TurnResult result;
        IncomingMessage incoming;
        try
        {
            incoming = ActivityMapper.ToIncoming(echo, identity: null, serviceUrlVerified: false) with
            {
                ActivityId = $"{conversationId}|{clientActivityId ?? Guid.NewGuid().ToString("N")}",
                ConversationReference = new WebChatReference(conversationId).ToJson(),
                ReplyTo = WebChatReplyRoute.To(conversationId, token.UserId, clientActivityId),
            };
            result = await engine.HandleAsync(incoming, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTurnFailed(logger, ex.GetType().Name);
            return null;
        }

        // The echo first, then the replies (queued with the turn, or for a retried message those not shown yet).
        var echoId = await store.AppendAsync(conversationId, echo, clientActivityId, [], ct);
        await outbox.AfterTurnAsync(incoming, result, ct);
        return echoId;
    }

    /// <summary>Lets the bot speak first (a new conversation, a demo sign-in): the engine's answer to an empty turn, without an echo.</summary>
    public async Task GreetAsync(WebChatToken token, CancellationToken ct)
    {
        var conversationId = token.ConversationId!;
        using var _ = await _locks.AcquireAsync(conversationId, ct);
        var incoming = new IncomingMessage(Channel, conversationId, token.UserId, null, null,
            ConversationReference: new WebChatReference(conversationId).ToJson())
        {
            ReplyTo = WebChatReplyRoute.To(conversationId, token.UserId, null),
        };
        var result = await engine.HandleAsync(incoming, ct);
        await outbox.AfterTurnAsync(incoming, result, ct);
    }

    /// <summary>A bot message for this conversation. Choices become imBack suggested actions (value = label), so Web Chat shows buttons.</summary>
    public static Activity ToActivity(OutgoingMessage message, string conversationId, string userId)
    {
        var activity = new Activity
        {
            Type = "message",
            ChannelId = Channel,
            From = Bot,
            Recipient = new ChannelAccountRef { Id = userId, Role = "user" },
            Conversation = new ConversationRef { Id = conversationId },
            TextFormat = "plain",
            Locale = "vi-VN",
            Text = message.Text,
        };
        if (message.Choices.Count > 0)
        {
            activity.SuggestedActions = SuggestedActions.For(message.Choices, to: null);

            // Our own page sends the value and the question id back, so a click on an old question is recognised as such.
            activity.ChannelData = JsonSerializer.SerializeToElement(new
            {
                promptId = message.PromptId,
                choices = message.Choices.Select(c => new { value = c.Value, label = c.Label }),
            }, BotFrameworkJson.Options);
        }

        return activity;
    }

    private static ChannelAccountRef Bot => new() { Id = BotId, Name = "AnBien.Bot", Role = "bot" };

    /// <summary>The user's activity as it is echoed back: our ids and roles; the client's text, value and channelData kept.</summary>
    private static Activity Echo(Activity posted, WebChatToken token) => new()
    {
        Type = "message",
        ChannelId = Channel,
        From = new ChannelAccountRef { Id = token.UserId, Name = posted.From?.Name, Role = "user" },
        Recipient = Bot,
        Conversation = new ConversationRef { Id = token.ConversationId },
        Text = posted.Text is { } text ? PlainText.Cut(PlainText.Clean(text)!, MaxTextLength) : null,
        TextFormat = posted.TextFormat,
        Locale = posted.Locale,
        Value = posted.Value is { } value && value.GetRawText().Length <= MaxAttachedJsonLength ? JsonStrings.Writable(value) : null,
        ChannelData = JsonStrings.Writable(posted.ChannelData) is { } data && data.GetRawText().Length <= MaxAttachedJsonLength
            ? data
            : ClientActivityId(posted) is { } id ? JsonSerializer.SerializeToElement(new { clientActivityID = id }) : null,
    };

    private static Activity Typing(string conversationId) => new()
    {
        Type = "typing",
        ChannelId = Channel,
        From = Bot,
        Conversation = new ConversationRef { Id = conversationId },
    };

    /// <summary>Web Chat tags each message it sends with channelData.clientActivityID (docs/protocols/botframework.md §8).</summary>
    private static string? ClientActivityId(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("clientActivityID", out var id)
        && JsonStrings.Exact(id) is { Length: > 0 and <= 128 } value
            ? value
            : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Web chat turn failed ({Error}); the client is told 502")]
    private static partial void LogTurnFailed(ILogger logger, string error);
}
