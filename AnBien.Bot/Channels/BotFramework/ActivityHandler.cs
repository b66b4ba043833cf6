using System.Text.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Channels.Teams;
using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// Runs an authenticated activity: messages and card actions go through the engine and the replies back through the
/// Connector; Teams gets cards, card updates and installation events. Activity types it does not use are acknowledged
/// (spec A2014); invokes it does not know get 501 (botbuilder-dotnet CloudAdapterBase, reference/botframework.md §1).
/// </summary>
public sealed class ActivityHandler(
    ConversationEngine engine,
    OutboxDispatcher outbox,
    TeamsIdentityResolver identities,
    TeamsCardTracker cards,
    TeamsEventHandler events,
    TextCatalog texts,
    [FromKeyedServices(ActivityHandler.TurnLockKey)] KeyedLock turnLocks)
{
    /// <summary>A lock set of its own: taken around the engine's, so it must never share the engine's stripes.</summary>
    public const string TurnLockKey = "teams-turns";

    public async Task<IResult> HandleAsync(Activity activity, BotCaller caller, CancellationToken ct)
    {
        switch (activity.Type)
        {
            case "message":
                await RunTurnAsync(activity, caller, invokedCardId: null, ct);
                return Results.Ok();
            case "invoke" when activity.Name == "adaptiveCard/action":
                return await OnCardActionAsync(activity, caller, ct);
            case "invoke":
                return Results.StatusCode(StatusCodes.Status501NotImplemented);
            case "conversationUpdate" or "installationUpdate" when IsTeams(activity):
                await events.HandleAsync(activity, caller, ct);
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    /// <summary>
    /// Action.Execute (reference/botframework.md §5): the answer goes through the engine like a Submit, and the HTTP response
    /// carries the settled card, which replaces the clicked one. Other action types get 400 NotSupported, as in the SDK.
    /// </summary>
    private async Task<IResult> OnCardActionAsync(Activity activity, BotCaller caller, CancellationToken ct)
    {
        var actionType = activity.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var a)
            && a.ValueKind == JsonValueKind.Object && a.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()
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
        var teams = IsTeams(activity);

        // Only a verified token (or the loopback-only local mode) makes from.aadObjectId an identity.
        var identity = caller.Authenticated && teams ? await identities.ResolveAsync(activity, ct)
            : caller.Authenticated || caller == BotCaller.Local ? ActivityMapper.ClaimedIdentity(activity)
            : null;
        var incoming = ActivityMapper.ToIncoming(activity, identity, serviceUrlVerified: caller.Authenticated) with
        {
            ReplyTo = new OutboxAddress(teams ? TeamsSender.ChannelId : BotFrameworkReplyRoute.RouteName,
                JsonSerializer.Serialize(BotFrameworkReplyAddress.For(activity), OutboxQueue.Json), $"{activity.ChannelId}/{activity.Conversation!.Id}"),
        };
        var tracked = teams && !incoming.IsGroup;

        // The card bookkeeping happens around the engine's turn; this keeps two quick clicks from interleaving it.
        using var turn = tracked ? await turnLocks.AcquireAsync(incoming.ConversationId, ct) : null;
        var result = await engine.HandleAsync(incoming, ct);
        SettledCard? settled = null;
        if (tracked && !result.Duplicate)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(outbox.ReplyWait);
            settled = await cards.SettleAsync(activity, incoming, invokedCardId, bounded.Token);
        }

        // The replies are committed with the turn; the Connector gets them now, or from the outbox's retries when it is
        // failing or slow, so the request is answered within the reply wait whatever the Connector does.
        await outbox.AfterTurnAsync(incoming, result, ct);
        return settled;
    }

    private static bool IsTeams(Activity activity) => activity.ChannelId == TeamsSender.ChannelId;
}
