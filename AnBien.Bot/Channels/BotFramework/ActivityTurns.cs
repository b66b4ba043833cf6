using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// The mapping between an activity and the engine, shared by the plain path and channel extensions: who the caller
/// vouches for, the engine's turn, and how a reply goes back through the Connector.
/// </summary>
public sealed class ActivityTurns(ConversationEngine engine, ConnectorClient connector)
{
    /// <summary>
    /// The identity the activity claims, when its caller vouches for it: a verified token, or the local mode (which serves
    /// only this machine). A channel that can prove more (Teams' member look-up) resolves it itself.
    /// </summary>
    public static VerifiedIdentity? ClaimedIdentity(Activity activity, BotCaller caller) =>
        caller.Authenticated || caller == BotCaller.Local ? ActivityMapper.ClaimedIdentity(activity) : null;

    public Task<TurnResult> RunAsync(IncomingMessage incoming, CancellationToken ct) => engine.HandleAsync(incoming, ct);

    /// <summary>A reply to a message answers that message (replyToId, §3); anything else is sent into the conversation.</summary>
    public Task<string?> SendAsync(Activity inbound, string conversationId, Activity outbound, CancellationToken ct) =>
        inbound.Type == "message" && inbound.Id is { Length: > 0 } replyTo
            ? connector.ReplyAsync(inbound.ServiceUrl!, conversationId, replyTo, outbound, ct)
            : connector.SendToConversationAsync(inbound.ServiceUrl!, conversationId, outbound, ct);
}
