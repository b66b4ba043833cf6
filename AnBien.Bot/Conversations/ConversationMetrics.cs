using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AnBien.Bot.Conversations;

/// <summary>
/// The bot's own instruments, on the meter <see cref="MeterName"/> that Hosting/TelemetryExtensions exports over
/// OTLP when configured. Other features add their instruments (deliveries, outbox, tokens) to the same meter.
/// </summary>
public static class ConversationMetrics
{
    public const string MeterName = "AnBien.Bot";

    public static readonly Meter Meter = new(MeterName);

    public static readonly ActivitySource Source = new(MeterName);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>("anbien.turns", "{turn}", "Turns handled, by channel and outcome");

    private static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("anbien.turn.duration", "s",
        "Time from a message's arrival at the engine to its committed turn, replies not yet sent");

    public static void RecordTurn(string channel, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "channel", channel }, { "outcome", outcome } };
        Turns.Add(1, tags);
        TurnDuration.Record(elapsed.TotalSeconds, tags);
    }
}
