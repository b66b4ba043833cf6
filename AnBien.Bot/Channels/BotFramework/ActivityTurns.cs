using System.Text.Json;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// The mapping between an activity and the engine, shared by the plain path and channel extensions: who the caller
/// vouches for, where the turn's replies go, the engine's turn, and handing the committed replies to the outbox.
/// </summary>
public sealed class ActivityTurns(ConversationEngine engine, OutboxDispatcher outbox)
{
    /// <summary>How long a request waits for its replies to leave; anything bounded inside a turn stays within it.</summary>
    public TimeSpan ReplyWait => outbox.ReplyWait;

    /// <summary>
    /// The identity the activity claims, when its caller vouches for it: a verified token, or the local mode (which serves
    /// only this machine). A channel that can prove more (Teams' member look-up) resolves it itself.
    /// </summary>
    public static VerifiedIdentity? ClaimedIdentity(Activity activity, BotCaller caller) =>
        caller.Authenticated || caller == BotCaller.Local ? ActivityMapper.ClaimedIdentity(activity) : null;

    /// <summary>
    /// The engine's message with the address its replies are queued to: the outbox route that renders them for the
    /// channel, the activity they answer, and the conversation whose messages must leave in order.
    /// </summary>
    public static IncomingMessage Addressed(IncomingMessage incoming, Activity activity, string route) => incoming with
    {
        ReplyTo = new OutboxAddress(route, JsonSerializer.Serialize(BotFrameworkReplyAddress.For(activity), OutboxQueue.Json),
            $"{activity.ChannelId}/{activity.Conversation!.Id}"),
    };

    public Task<TurnResult> RunAsync(IncomingMessage incoming, CancellationToken ct) => engine.HandleAsync(incoming, ct);

    /// <summary>
    /// The replies are committed with the turn; the Connector gets them now, or from the outbox's retries when it is
    /// failing or slow, so the request is answered within the reply wait whatever the Connector does. A redelivered
    /// activity re-sends what its first delivery left unsent.
    /// </summary>
    public Task AfterTurnAsync(IncomingMessage incoming, TurnResult result, CancellationToken ct) => outbox.AfterTurnAsync(incoming, result, ct);
}
