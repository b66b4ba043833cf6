namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// What a channel adds on top of the Bot Framework protocol (Teams: cards, installation events, identity look-ups,
/// pacing). Registered per channel id; <see cref="ActivityHandler"/> offers it every activity of its channel first.
/// Channels without one (Web Chat, Direct Line, the Emulator) get the protocol's plain handling.
/// </summary>
public interface IBotFrameworkChannel
{
    /// <summary>The activities' <c>channelId</c> this extension serves, e.g. "msteams".</summary>
    string ChannelId { get; }

    /// <summary>
    /// The HTTP answer for the activity, or null to leave it to the protocol: a message then runs a plain turn, an
    /// invoke gets 501 and any other type is acknowledged.
    /// </summary>
    Task<IResult?> HandleAsync(Activity activity, BotCaller caller, CancellationToken ct);
}
