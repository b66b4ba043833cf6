using System.Diagnostics.Metrics;
using AnBien.Bot.Announcements;
using AnBien.Bot.Conversations;
using AnBien.Bot.Conversations.Outbox;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Hosting;

/// <summary>
/// What an operator watches besides turns (README "Vận hành"): the outbox and the Zalo inbox depths and the announcement
/// deliveries by state, read from the database by observable gauges, and token refreshes counted where they happen. The
/// gauges read at most once per <see cref="ReadEvery"/> whoever asks (an exporter, several instances' collectors), so
/// watching costs three small counting queries every 15 s per instance. The meter comes from the host's
/// <see cref="IMeterFactory"/> under <see cref="ConversationMetrics.MeterName"/>, which the OTLP exporter listens to.
/// </summary>
public sealed partial class OperationsMetrics
{
    public static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(15);

    private readonly BotDbContextFactory _databases;
    private readonly TimeProvider _clock;
    private readonly ILogger<OperationsMetrics> _logger;
    private readonly Counter<long> _tokenRefreshes;
    private readonly Lock _gate = new();
    private Depths _last = Depths.None;
    private DateTimeOffset? _readAt;

    public OperationsMetrics(IMeterFactory meters, BotDbContextFactory databases, TimeProvider clock, ILogger<OperationsMetrics> logger)
    {
        _databases = databases;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(ConversationMetrics.MeterName);
        meter.CreateObservableGauge("anbien.outbox.depth", () => Read().Outbox, "{message}",
            "Messages waiting in the outbox to be sent (queued, including those waiting for a retry)");
        meter.CreateObservableGauge("anbien.zalo.inbox.depth", () => Read().Inbox, "{event}",
            "Zalo webhook events stored and not yet processed");
        meter.CreateObservableGauge("anbien.announcement.deliveries", () => Read().Deliveries, "{delivery}",
            "Announcement deliveries by state (queued, sent, failed, unreachable, acknowledged)");
        _tokenRefreshes = meter.CreateCounter<long>("anbien.token.refreshes", "{refresh}",
            "Channel access tokens fetched anew, by channel (botframework, zalo) and outcome (ok, refused)");
    }

    /// <summary>Counts one token fetched from the identity provider (not served from a cache).</summary>
    public void TokenRefreshed(string channel, bool succeeded) =>
        _tokenRefreshes.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "refused"));

    private Depths Read()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_readAt is { } at && now - at < ReadEvery) return _last;
            _readAt = now;
            try
            {
                _last = Query();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A database that cannot be read shows in /health/ready; the gauges keep their last values meanwhile.
                LogReadFailed(_logger, e.GetType().Name);
            }

            return _last;
        }
    }

    private Depths Query()
    {
        // Observable callbacks are synchronous; these are counts on indexed status columns.
        using var db = _databases.Create();
        var outbox = db.Outbox.Count(m => m.Status == OutboxStatus.Queued);
        var inbox = db.ZaloInbox.Count(e => e.ProcessedAt == null);
        var byState = db.AnnouncementDeliveries.GroupBy(d => d.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionary(x => x.Key, x => x.Count);
        var deliveries = Enum.GetValues<DeliveryState>()
            .Select(s => new Measurement<long>(byState.GetValueOrDefault(s), new KeyValuePair<string, object?>("state", s.ToString().ToLowerInvariant())))
            .ToArray();
        return new Depths(outbox, inbox, deliveries);
    }

    private sealed record Depths(long Outbox, long Inbox, Measurement<long>[] Deliveries)
    {
        public static readonly Depths None = new(0, 0, []);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operations gauges could not read the database ({Error}); reporting the last values")]
    private static partial void LogReadFailed(ILogger logger, string error);
}
