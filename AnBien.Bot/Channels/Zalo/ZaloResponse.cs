using System.Text.Json;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>One OA API answer: its HTTP status and, unless the server failed, its envelope (docs/protocols/zalo.md §0).</summary>
public sealed record ZaloResponse(int Status, (int Error, JsonElement Data)? Envelope)
{
    /// <summary>Worth another attempt after a pause: no envelope (5xx, 429, unreadable) or Zalo's rate limit (-32).</summary>
    public bool IsTransient => Envelope is not { } e || e.Error == ZaloErrors.RateLimited;
}
