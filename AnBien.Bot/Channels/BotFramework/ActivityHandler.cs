using System.Text.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.Teams;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>
/// Runs an authenticated activity: messages and card actions go through the engine and the replies back through the
/// Connector; Teams gets cards, card updates and installation events. Activity types it does not use are acknowledged
/// (spec A2014); invokes it does not know get 501 (botbuilder-dotnet CloudAdapterBase, reference/botframework.md §1).
/// </summary>
public sealed class ActivityHandler(
    ConversationEngine engine,
    ConnectorClient connector,
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
        var incoming = ActivityMapper.ToIncoming(activity, identity, serviceUrlVerified: caller.Authenticated);
        var tracked = teams && !incoming.IsGroup;

        // The card bookkeeping happens around the engine's turn; this keeps two quick clicks from interleaving it.
        using var turn = tracked ? await turnLocks.AcquireAsync(incoming.ConversationId, ct) : null;
        var result = await engine.HandleAsync(incoming, ct);
        if (result.Duplicate) return null;

        var settled = tracked ? await cards.SettleAsync(activity, incoming, invokedCardId, ct) : null;
        foreach (var reply in result.Replies)
        {
            var outbound = ActivityMapper.ToActivity(reply, activity);
            if (teams)
            {
                // As the SDK's CreateReply does (§1); it also tells the Connector client to pace the send for Teams.
                outbound.ChannelId = activity.ChannelId;
                AdaptiveCardRenderer.Apply(outbound, reply);
            }

            var id = activity.Type == "message" && activity.Id is { Length: > 0 } replyTo
                ? await connector.ReplyAsync(activity.ServiceUrl!, incoming.ConversationId, replyTo, outbound, ct)
                : await connector.SendToConversationAsync(activity.ServiceUrl!, incoming.ConversationId, outbound, ct);
            if (tracked && id is not null && outbound.Attachments is [{ Content: { } card }])
            {
                await cards.RememberAsync(incoming.ConversationId, incoming.ChannelUserId, ConversationReference.TenantOf(activity), id, reply, card, ct);
            }
        }

        return settled;
    }

    private static bool IsTeams(Activity activity) => activity.ChannelId == TeamsSender.ChannelId;
}
