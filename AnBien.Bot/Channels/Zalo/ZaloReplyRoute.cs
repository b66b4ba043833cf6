using System.Text.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Replies to a Zalo user through /message/cs. A row holds either the engine's reply, rendered here into one or more
/// bodies (long text is split), or a body rendered already (e.g. the phone-sharing request). Parts Zalo accepted are
/// counted on the row, so a retry sends only the rest. "Not reachable" (outside the window, unfollowed) is recorded on
/// the account and is final; a refused body is final too and does not hold up the person's later replies.
/// </summary>
public sealed class ZaloReplyRoute(ZaloClient client, ZaloMessageRenderer renderer, BotDbContextFactory databases, TimeProvider clock) : IOutboxRoute
{
    public const string RouteName = ZaloEventHandler.Channel;

    public string Name => RouteName;

    public static OutboxAddress To(string userId) =>
        new(RouteName, JsonSerializer.Serialize(new ZaloReplyAddress(userId), OutboxQueue.Json), $"{RouteName}/{userId}");

    public async Task<DeliveryResult> DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var userId = delivery.Address<ZaloReplyAddress>().UserId;
        var payload = delivery.Payload<JsonObject>();
        IReadOnlyList<JsonObject> bodies = payload.ContainsKey("recipient")
            ? [payload]
            : renderer.Render(userId, payload.Deserialize<OutgoingMessage>(OutboxQueue.Json)!);
        string? firstId = null;
        for (var i = delivery.Row.PartsSent; i < bodies.Count; i++)
        {
            var result = await client.SendMessageAsync(bodies[i], ct);
            switch (result.Status)
            {
                case DeliveryStatus.NotReachable:
                    await MarkUnreachableAsync(userId, ct);
                    return DeliveryResult.NotReachable(RouteName, result.Detail ?? ZaloErrors.Describe(result.Error));
                case DeliveryStatus.Failed:
                    return DeliveryResult.Failed(RouteName, result.Detail ?? ZaloErrors.Describe(result.Error)) with { Retryable = result.Retryable };
            }

            firstId ??= result.MessageId;
            await delivery.PartsSentAsync(i + 1);
        }

        return DeliveryResult.Sent(RouteName, firstId);
    }

    private async Task MarkUnreachableAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        await db.ChannelAccounts.Where(a => a.Channel == RouteName && a.ChannelUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UnreachableSince, now), ct);
    }
}
