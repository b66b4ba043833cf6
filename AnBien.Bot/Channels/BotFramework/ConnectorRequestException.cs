using System.Net;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>The Bot Connector refused a call: its status, and the wait it asked for (Retry-After), if any.</summary>
public sealed class ConnectorRequestException(string message, HttpStatusCode status, TimeSpan? retryAfter)
    : HttpRequestException(message, null, status)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
