namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// Runs an authenticated activity. A channel extension (<see cref="IBotFrameworkChannel"/>) sees its channel's
/// activities first; what it leaves goes the plain way: a message through the engine, its replies queued in the outbox
/// and sent through the Connector as text with suggested actions (<see cref="BotFrameworkReplyRoute"/>). Activity types it does not use are acknowledged (spec A2014); invokes it
/// does not know get 501 (botbuilder-dotnet CloudAdapterBase, docs/protocols/botframework.md §1).
/// </summary>
public sealed class ActivityHandler(IEnumerable<IBotFrameworkChannel> channels, ActivityTurns turns)
{
    private readonly Dictionary<string, IBotFrameworkChannel> _channels = channels.ToDictionary(c => c.ChannelId, StringComparer.Ordinal);

    public async Task<IResult> HandleAsync(Activity activity, BotCaller caller, CancellationToken ct)
    {
        if (activity.ChannelId is { } channelId && _channels.TryGetValue(channelId, out var channel)
            && await channel.HandleAsync(activity, caller, ct) is { } handled)
        {
            return handled;
        }

        switch (activity.Type)
        {
            case "message":
                await RunTurnAsync(activity, caller, ct);
                return Results.Ok();
            case "invoke":
                return Results.StatusCode(StatusCodes.Status501NotImplemented);
            default:
                return Results.Ok();
        }
    }

    private async Task RunTurnAsync(Activity activity, BotCaller caller, CancellationToken ct)
    {
        var incoming = ActivityTurns.Addressed(
            ActivityMapper.ToIncoming(activity, ActivityTurns.ClaimedIdentity(activity, caller), serviceUrlVerified: caller.Authenticated),
            activity, BotFrameworkReplyRoute.RouteName);
        var result = await turns.RunAsync(incoming, ct);
        await turns.AfterTurnAsync(incoming, result, ct);
    }
}
