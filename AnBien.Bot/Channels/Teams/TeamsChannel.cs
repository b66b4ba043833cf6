using System.Text.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations;
using AnBien.Bot.Http;

namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// Teams on the Bot Framework protocol: messages and card actions go through the engine with the identity Teams can
/// prove, replies are queued in the outbox and leave as Adaptive Cards (<see cref="TeamsReplyRoute"/>) whose old
/// questions are settled, and installation events record and welcome the person (docs/protocols/botframework.md §4, §5).
/// </summary>
public sealed class TeamsChannel(
    ActivityTurns turns,
    TeamsIdentityResolver identities,
    TeamsCardTracker cards,
    TeamsEventHandler events,
    TextCatalog texts,
    [FromKeyedServices(TeamsChannel.TurnLockKey)] KeyedLock turnLocks) : IBotFrameworkChannel
{
    /// <summary>A lock set of its own: taken around the engine's, so it must never share the engine's stripes.</summary>
    public const string TurnLockKey = "teams-turns";

    public string ChannelId => TeamsSender.ChannelId;

    public async Task<IResult?> HandleAsync(Activity activity, BotCaller caller, CancellationToken ct)
    {
        switch (activity.Type)
        {
            case "message":
                await RunTurnAsync(activity, caller, invokedCardId: null, ct);
                return Results.Ok();
            case "invoke" when activity.Name == "adaptiveCard/action":
                return await OnCardActionAsync(activity, caller, ct);
            case "conversationUpdate" or "installationUpdate":
                await events.HandleAsync(activity, caller, ct);
                return Results.Ok();
            default:
                return null;
        }
    }

    /// <summary>
    /// Action.Execute (docs/protocols/botframework.md §5): the answer goes through the engine like a Submit, and the HTTP response
    /// carries the settled card, which replaces the clicked one. Other action types get 400 NotSupported, as in the SDK.
    /// </summary>
    private async Task<IResult> OnCardActionAsync(Activity activity, BotCaller caller, CancellationToken ct)
    {
        var actionType = activity.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var a)
            && a.ValueKind == JsonValueKind.Object && a.TryGetProperty("type", out var t)
            ? JsonStrings.Exact(t)
            : null;
        if (actionType != "Action.Execute")
        {
            return Results.Json(new JsonObject
            {
                ["statusCode"] = 400,
                ["type"] = "application/vnd.microsoft.error",
                ["value"] = new JsonObject { ["code"] = "NotSupported", ["message"] = $"The action '{actionType}' is not supported." },
            }, statusCode: StatusCodes.Status400BadRequest);
        }

        var settled = await RunTurnAsync(activity, caller, activity.ReplyToId, ct);
        return Results.Json(settled is not null && settled.ActivityId == activity.ReplyToId
            ? new JsonObject { ["statusCode"] = 200, ["type"] = AdaptiveCardRenderer.ContentType, ["value"] = settled.Card }
            : new JsonObject
            {
                ["statusCode"] = 200,
                ["type"] = "application/vnd.microsoft.activity.message",
                ["value"] = texts.Get(TextCatalog.Vietnamese, "teams.invoke.received"),
            });
    }

    private async Task<SettledCard?> RunTurnAsync(Activity activity, BotCaller caller, string? invokedCardId, CancellationToken ct)
    {
        // Only a verified token makes the member look-up worth its Connector request; the local mode takes the claim.
        var identity = caller.Authenticated ? await identities.ResolveAsync(activity, ct) : ActivityTurns.ClaimedIdentity(activity, caller);
        var incoming = ActivityTurns.Addressed(ActivityMapper.ToIncoming(activity, identity, serviceUrlVerified: caller.Authenticated),
            activity, TeamsReplyRoute.RouteName);
        var tracked = !incoming.IsGroup;

        // The card bookkeeping happens around the engine's turn; this keeps two quick clicks from interleaving it.
        using var turn = tracked ? await turnLocks.AcquireAsync(incoming.ConversationId, ct) : null;
        var result = await turns.RunAsync(incoming, ct);
        SettledCard? settled = null;
        if (tracked && !result.Duplicate)
        {
            // Settling edits the old card through the Connector; a hanging Connector must not hold the request past the wait.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(turns.ReplyWait);
            settled = await cards.SettleAsync(activity, incoming, invokedCardId, bounded.Token);
        }

        // The replies leave through TeamsReplyRoute, which renders the cards and remembers them for settling.
        await turns.AfterTurnAsync(incoming, result, ct);
        return settled;
    }
}
