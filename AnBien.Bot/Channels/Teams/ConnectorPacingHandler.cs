using AnBien.Bot.Channels.BotFramework;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// Paces sends to Teams (marked by <see cref="ConnectorClient.Call"/> with the Teams channel id) per thread with Teams' per-bot-per-thread
/// limits, and all of them with an app-wide limit (30–50 RPS per app per tenant; the lower figure, docs/protocols/botframework.md
/// §3). Sits inside the retry handler, so retries are paced too.
/// </summary>
public sealed class ConnectorPacingHandler(SendPacer pacer, IOptions<TeamsOptions> options) : DelegatingHandler
{
    private static readonly SendLimit[] Global = [new(30, TimeSpan.FromSeconds(1))];

    private readonly SendLimit[] _thread = options.Value.ThreadSendLimits
        .Select(kv => new SendLimit(kv.Value, TimeSpan.FromSeconds(double.Parse(kv.Key, System.Globalization.CultureInfo.InvariantCulture))))
        .ToArray();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(ConnectorClient.Call, out var call) && call.ChannelId == TeamsSender.ChannelId)
        {
            var wait = pacer.Reserve("*", Global);
            if (call.Thread is { } thread)
            {
                var threadWait = pacer.Reserve(thread, _thread);
                if (threadWait > wait) wait = threadWait;
            }

            if (wait > TimeSpan.Zero) await Task.Delay(wait, pacer.Clock, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
