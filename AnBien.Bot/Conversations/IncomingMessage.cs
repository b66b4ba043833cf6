using AnBien.Bot.Conversations.Outbox;

namespace AnBien.Bot.Conversations;

/// <summary>A user's message as every channel hands it to the engine.</summary>
/// <param name="Channel">"msteams", "zalo", "webchat", "directline", "emulator", …</param>
/// <param name="ConversationId">The channel's conversation (one chat thread).</param>
/// <param name="ChannelUserId">The sender's id on that channel.</param>
/// <param name="ActivityId">The channel's message id, used to drop redeliveries; null when the channel has none.</param>
/// <param name="Text">What the person typed, or the text of the button they pressed.</param>
/// <param name="ChoiceValue">The value a card button carried, when the channel separates it from the text.</param>
/// <param name="PromptId">The question a card button belonged to, so a click on an old card is recognised.</param>
/// <param name="Identity">Identity facts the channel has verified (e.g. a Teams object id behind a valid token).</param>
/// <param name="ConversationReference">The channel's serialised address of the conversation, for proactive messages.</param>
/// <param name="ClientAddress">
/// The client's network address where the channel knows it (web chat and Direct Line: the connection's address after
/// trusted forwarded headers); null for channels whose requests come from the channel's own servers (Teams, Zalo).
/// </param>
public sealed record IncomingMessage(
    string Channel,
    string ConversationId,
    string ChannelUserId,
    string? ActivityId,
    string? Text,
    string? ChoiceValue = null,
    string? PromptId = null,
    VerifiedIdentity? Identity = null,
    string? ConversationReference = null,
    string? ClientAddress = null)
{
    private readonly string? _text = PlainText.Clean(Text);

    /// <summary>What the person typed, cleaned where it enters: every channel's text reaches storage only through here.</summary>
    public string? Text
    {
        get => _text;
        init => _text = PlainText.Clean(value);
    }

    /// <summary>Whether the conversation is a group chat or channel, where personal assessments are not run.</summary>
    public bool IsGroup { get; init; }

    /// <summary>Where the turn's replies go: set by channels that send them through the outbox, in the turn's transaction.</summary>
    public OutboxAddress? ReplyTo { get; init; }
}
