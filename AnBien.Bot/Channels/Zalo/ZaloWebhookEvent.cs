using System.Text.Json;
using System.Text.Json.Serialization;
using AnBien.Bot.Http;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// One OA webhook event (docs/protocols/zalo.md §1.4). Ids and the timestamp (epoch ms) stay strings: they exceed what
/// JSON numbers carry safely. Parsed defensively: unknown fields are ignored, unknown events handled by name.
/// </summary>
public sealed record ZaloWebhookEvent
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    [JsonPropertyName("app_id")] public string? AppId { get; init; }
    [JsonPropertyName("oa_id")] public string? OaId { get; init; }
    [JsonPropertyName("event_name")] public string? EventName { get; init; }
    [JsonPropertyName("timestamp")] public JsonElement Timestamp { get; init; }
    [JsonPropertyName("sender")] public Party? Sender { get; init; }
    [JsonPropertyName("recipient")] public Party? Recipient { get; init; }
    [JsonPropertyName("follower")] public Party? Follower { get; init; }

    /// <summary>user_click_chatnow carries the user here in one source (docs/protocols/zalo.md §1.4, UNCONFIRMED).</summary>
    [JsonPropertyName("user_id")] public string? UserIdField { get; init; }

    [JsonPropertyName("message")] public MessagePart? Message { get; init; }
    [JsonPropertyName("info")] public SharedInfo? Info { get; init; }

    /// <summary>The timestamp as sent (string or number), as the signature needs it.</summary>
    public string? TimestampText => Timestamp.ValueKind switch
    {
        JsonValueKind.String => JsonStrings.Exact(Timestamp),
        JsonValueKind.Number => Timestamp.GetRawText(),
        _ => null,
    };

    /// <summary>When Zalo says the event happened (milliseconds since 1970), or null when the timestamp is not a number.</summary>
    public DateTimeOffset? OccurredAt =>
        long.TryParse(TimestampText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
        && ms is >= 0 and < 253_402_300_800_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    /// <summary>The Zalo user concerned: sender of user_* events, follower.id of follow/unfollow, recipient of oa_* echoes.</summary>
    public string? UserId => EventName switch
    {
        null => null,
        _ when EventName.StartsWith("oa_", StringComparison.Ordinal) => Recipient?.Id,
        _ when Follower?.Id is { Length: > 0 } f => f,
        _ => Sender?.Id ?? UserIdField,
    };

    /// <summary>Redeliveries carry the same msg_id; events without one are keyed by name, user and timestamp (docs/protocols/zalo.md §1.2).</summary>
    public string DedupeKey => Message?.MsgId is { Length: > 0 } id
        ? "msg:" + id
        : $"evt:{EventName}:{UserId}:{TimestampText}";

    public static ZaloWebhookEvent? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<ZaloWebhookEvent>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public sealed record Party([property: JsonPropertyName("id")] string? Id);

    public sealed record MessagePart
    {
        [JsonPropertyName("msg_id")] public string? MsgId { get; init; }
        [JsonPropertyName("text")] public string? Text { get; init; }
    }

    /// <summary>user_submit_info's answer; field names vary between sources (docs/protocols/zalo.md §1.4, LIKELY).</summary>
    public sealed record SharedInfo
    {
        [JsonPropertyName("phone")] public string? Phone { get; init; }
    }
}
