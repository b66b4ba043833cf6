using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Proactive messages on Zalo. The OA may write to a user only within 7 days of their last interaction, free for the
/// first 48 h (docs/protocols/zalo.md §2.4): outside that the person is reported "not reachable on Zalo" without a call,
/// and an API answer of -230 and kin is recorded on the account the same way, apart from real failures.
/// </summary>
public sealed class ZaloChannelSender(
    ZaloClient client,
    ZaloMessageRenderer renderer,
    BotDbContextFactory databases,
    IOptions<ZaloOptions> options,
    TimeProvider clock) : IChannelSender
{
    public string Channel => ZaloEventHandler.Channel;

    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutgoingMessage message, CancellationToken ct)
    {
        if (Window(account) is { } outside) return outside;
        string? firstId = null;
        foreach (var body in renderer.Render(account.ChannelUserId, message))
        {
            var result = await SendOneAsync(account, () => client.SendMessageAsync(body, ct), ct);
            if (result.Status != DeliveryStatus.Sent) return result;
            firstId ??= result.MessageId;
        }

        return DeliveryResult.Sent(Channel, firstId);
    }

    /// <summary>A chart or other picture: uploaded first, then sent as a media message (docs/protocols/zalo.md §2.2).</summary>
    public async Task<DeliveryResult> SendImageAsync(ChannelAccount account, byte[] png, string fileName, string? caption, CancellationToken ct)
    {
        if (Window(account) is { } outside) return outside;
        string? attachmentId = null;
        var upload = await SendOneAsync(account, async () =>
        {
            var r = await client.UploadImageAsync(png, fileName, "image/png", ct);
            attachmentId = r.AttachmentId;
            return r;
        }, ct);
        if (upload.Status != DeliveryStatus.Sent) return upload;
        if (attachmentId is null) return DeliveryResult.Failed(Channel, "Zalo upload returned no attachment_id");
        return await SendOneAsync(account, () => client.SendMessageAsync(ZaloMessageRenderer.Image(account.ChannelUserId, attachmentId, caption), ct), ct);
    }

    private DeliveryResult? Window(ChannelAccount account)
    {
        var settings = options.Value;
        if (!settings.Enabled) return DeliveryResult.Failed(Channel, "the Zalo channel is not configured");
        if (account.UnreachableSince is not null) return DeliveryResult.NotReachable(Channel, "not reachable on Zalo: unfollowed, or refused by Zalo since the last interaction");
        var quiet = account.LastInteractionAt is { } last ? clock.GetUtcNow() - last : TimeSpan.MaxValue;
        if (quiet > settings.InteractionWindow) return DeliveryResult.NotReachable(Channel, "not reachable on Zalo: no interaction in the last 7 days");
        if (quiet > settings.FreeWindow && !settings.SendInPaidWindow) return DeliveryResult.NotReachable(Channel, "not reachable on Zalo: outside the free 48 h window (paid messages are off)");
        return null;
    }

    private async Task<DeliveryResult> SendOneAsync(ChannelAccount account, Func<Task<ZaloSendResult>> send, CancellationToken ct)
    {
        ZaloSendResult result;
        try
        {
            result = await send();
        }
        catch (Exception ex) when (ex is ZaloNotAuthorizedException or HttpRequestException or TimeoutException)
        {
            return DeliveryResult.Failed(Channel, ex is ZaloNotAuthorizedException ? "the Zalo OA is not authorised" : "Zalo API unavailable");
        }

        switch (result.Status)
        {
            case DeliveryStatus.Sent:
                return DeliveryResult.Sent(Channel, result.MessageId);
            case DeliveryStatus.NotReachable:
                var now = clock.GetUtcNow();
                await using (var db = databases.Create())
                {
                    await db.ChannelAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UnreachableSince, now), ct);
                }

                return DeliveryResult.NotReachable(Channel, result.Detail ?? ZaloErrors.Describe(result.Error));
            default:
                return DeliveryResult.Failed(Channel, result.Detail ?? ZaloErrors.Describe(result.Error));
        }
    }
}
