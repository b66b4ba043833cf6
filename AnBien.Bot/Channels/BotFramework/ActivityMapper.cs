using System.Text.Json;
using System.Text.RegularExpressions;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>Translates between Bot Framework activities and the engine's channel-neutral messages.</summary>
public static partial class ActivityMapper
{
    /// <param name="identityVerified">True when a valid token (or the loopback-only local mode) vouches for <c>from.aadObjectId</c>.</param>
    public static IncomingMessage ToIncoming(Activity activity, bool identityVerified)
    {
        string? choiceValue = null, promptId = null, text = activity.Text;
        if (activity.Value is { ValueKind: JsonValueKind.Object } value)
        {
            // Card buttons (Action.Submit) carry {"choice": "...", "prompt": "..."}; typed text stays in text.
            if (value.TryGetProperty("choice", out var c) && c.ValueKind == JsonValueKind.String) choiceValue = c.GetString();
            if (value.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String) promptId = p.GetString();
        }

        if (text is not null) text = MentionTag().Replace(text, "").Trim();
        var from = activity.From!;
        var identity = identityVerified && !string.IsNullOrWhiteSpace(from.AadObjectId) ? new VerifiedIdentity(from.AadObjectId, null) : null;
        return new IncomingMessage(activity.ChannelId ?? "unknown", activity.Conversation!.Id!, from.Id!, activity.Id, text, choiceValue, promptId, identity,
            ConversationReference.From(activity))
        {
            IsGroup = activity.Conversation.IsGroup == true || activity.Conversation.ConversationType is "groupChat" or "channel",
        };
    }

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
            reply.SuggestedActions = new SuggestedActions
            {
                To = inbound.From?.Id is { } to ? [to] : null,
                Actions = message.Choices.Select(c => new CardAction { Type = "imBack", Title = c.Label, Value = c.Label }).ToList(),
            };
        }

        return reply;
    }

    public static bool HasRequiredFields(Activity activity) =>
        !string.IsNullOrWhiteSpace(activity.Type)
        && activity.Conversation?.Id is { Length: > 0 }
        && activity.From?.Id is { Length: > 0 }
        && activity.ServiceUrl is { Length: > 0 };

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex MentionTag();
}
