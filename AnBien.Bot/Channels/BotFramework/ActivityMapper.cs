using System.Text.Json;
using System.Text.RegularExpressions;
using AnBien.Bot.Conversations;
using AnBien.Bot.Http;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>Translates between Bot Framework activities and the engine's channel-neutral messages.</summary>
public static partial class ActivityMapper
{
    /// <summary>The fields of a button's payload (card data, message value): the choice's value and the question's id.</summary>
    public const string ChoiceField = "choice", PromptField = "prompt";

    /// <param name="identity">Identity facts a valid token (or the loopback-only local mode) vouches for; null when none.</param>
    /// <param name="serviceUrlVerified">The activity's token was verified, so its serviceUrl may be stored (spec A7560).</param>
    public static IncomingMessage ToIncoming(Activity activity, VerifiedIdentity? identity, bool serviceUrlVerified)
    {
        string? choiceValue = null, promptId = null, text = activity.Text;
        if (Payload(activity) is { ValueKind: JsonValueKind.Object } value)
        {
            // Card buttons (Action.Submit / Action.Execute) carry {"choice": "...", "prompt": "..."}; typed text stays in text.
            if (value.TryGetProperty(ChoiceField, out var c)) choiceValue = PlainText.Clean(JsonStrings.Of(c));
            if (value.TryGetProperty(PromptField, out var p)) promptId = PlainText.Clean(JsonStrings.Of(p));
        }

        if (text is not null) text = MentionTag().Replace(text, "").Trim();
        var from = activity.From!;
        return new IncomingMessage(activity.ChannelId ?? "unknown", activity.Conversation!.Id!, from.Id!, activity.Id, text, choiceValue, promptId, identity,
            ConversationReference.From(activity, serviceUrlVerified))
        {
            IsGroup = ConversationReference.IsGroup(activity),
        };
    }

    /// <summary>The identity the activity claims, for callers whose authentication vouches for it.</summary>
    public static VerifiedIdentity? ClaimedIdentity(Activity activity) =>
        activity.From?.AadObjectId is { Length: > 0 } aad ? new VerifiedIdentity(aad, null) : null;

    /// <summary>A plain reply: text plus the choices as suggested actions (imBack sends the label back as text).</summary>
    public static Activity ToActivity(OutgoingMessage message, Activity inbound)
    {
        var text = message.Text;
        var reply = new Activity
        {
            Type = "message",
            From = inbound.Recipient is { } bot ? new ChannelAccountRef { Id = bot.Id, Name = bot.Name } : null,
            Recipient = inbound.From is { } user ? new ChannelAccountRef { Id = user.Id, Name = user.Name } : null,
            Conversation = inbound.Conversation is { } conv ? new ConversationRef { Id = conv.Id } : null,
            ReplyToId = inbound.Id,
            TextFormat = "plain",
            Text = text,
        };
        if (message.Choices.Count > 0)
        {
            reply.SuggestedActions = SuggestedActions.For(message.Choices, inbound.From?.Id);
        }

        if (message.Image is { Source: { } source } image)
        {
            reply.Attachments = [new Attachment { ContentType = image.ContentType, ContentUrl = source, Name = image.AltText }];
        }

        return reply;
    }

    public static bool HasRequiredFields(Activity activity) =>
        !string.IsNullOrWhiteSpace(activity.Type)
        && activity.Conversation?.Id is { Length: > 0 }
        && activity.From?.Id is { Length: > 0 }
        && activity.ServiceUrl is { Length: > 0 };

    /// <summary>
    /// Whether every id fits the columns it is stored in (Storage/BotDbContext.cs): checked up front, so an over-long id
    /// is a 400 on every database instead of a 500 on PostgreSQL alone, which enforces the lengths SQLite ignores.
    /// </summary>
    public static bool IdsFit(Activity activity) =>
        (activity.ChannelId?.Length ?? 0) <= 32
        && activity.Conversation?.Id?.Length <= 256
        && activity.From?.Id?.Length <= 256
        && (activity.Id?.Length ?? 0) <= 256
        && (activity.From?.AadObjectId?.Length ?? 0) <= 64
        && (activity.ServiceUrl?.Length ?? 0) <= 2048
        && (activity.ReplyToId?.Length ?? 0) <= 256;

    /// <summary>A message's <c>value</c>, or an Action.Execute invoke's <c>value.action.data</c> (docs/protocols/botframework.md §5).</summary>
    private static JsonElement? Payload(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value) return null;
        return activity.Type == "invoke" && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("data", out var data)
            ? data
            : value;
    }

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex MentionTag();
}
