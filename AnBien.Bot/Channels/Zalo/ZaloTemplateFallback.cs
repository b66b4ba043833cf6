using System.Text.Json.Nodes;
using AnBien.Bot.Channels.Outbox;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// Sends the configured notification template (Zalo:Zns) by phone number to a person whose Zalo account is outside the
/// interaction window (docs/protocols/zalo.md §2.4–2.5). Applies only when Zalo itself said "not reachable" and the
/// person's record has a phone number; otherwise they stay not reachable, with the reason.
/// </summary>
public sealed class ZaloTemplateFallback(ZaloClient client, BotDbContextFactory databases, IOptions<ZaloOptions> options) : IUnreachableFallback
{
    public const string Channel = "zalo-zns";

    // tracking_id is echoed in the delivery webhook and is at most 48 characters (docs/protocols/zalo.md §2.5).
    private const int MaxTrackingId = 48;

    public async Task<DeliveryResult?> TryDeliverAsync(int staffId, OutgoingMessage message, IReadOnlyList<DeliveryResult> tried, string trackingId, CancellationToken ct)
    {
        var zns = options.Value.Zns;
        if (!zns.IsConfigured || !tried.Any(t => t.Channel == ZaloEventHandler.Channel && t.Status == DeliveryStatus.NotReachable)) return null;
        string? phone;
        await using (var db = databases.Create())
        {
            phone = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.Phone).SingleOrDefaultAsync(ct);
        }

        if (InternationalPhone(phone) is not { } number) return DeliveryResult.NotReachable(Channel, "outside the Zalo window and no phone number for the template");
        var data = new JsonObject();
        if (zns.TextParameter is { Length: > 0 } parameter)
        {
            var text = message.Title is { } title ? $"{title}: {message.Text}" : message.Text;
            data[parameter] = text.Length <= zns.MaxTextLength ? text : text[..(zns.MaxTextLength - 1)] + "…";
        }

        var body = new JsonObject
        {
            ["phone"] = number,
            ["template_id"] = zns.TemplateId,
            ["template_data"] = data,
            ["tracking_id"] = trackingId.Length <= MaxTrackingId ? trackingId : trackingId[..MaxTrackingId],
        };
        if (zns.Mode is { Length: > 0 } mode) body["mode"] = mode;
        var result = await client.SendTemplateAsync(body, ct);
        return result.Status switch
        {
            DeliveryStatus.Sent => DeliveryResult.Sent(Channel, result.MessageId),
            DeliveryStatus.NotReachable => DeliveryResult.NotReachable(Channel, result.Detail ?? $"ZNS error {result.Error}"),
            _ => DeliveryResult.Failed(Channel, result.Detail ?? $"ZNS error {result.Error}") with { Retryable = result.Retryable },
        };
    }

    /// <summary>ZNS wants 84xxxxxxxxx: a leading 0 becomes 84, spaces, dots and a leading + go (docs/protocols/zalo.md §2.5).</summary>
    public static string? InternationalPhone(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith('0')) digits = "84" + digits[1..];
        return digits.Length is >= 10 and <= 13 && digits.StartsWith("84", StringComparison.Ordinal) ? digits : null;
    }
}
