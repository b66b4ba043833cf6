using AnBien.Bot.Conversations;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AnBien.Bot.Hosting;

public static class TelemetryExtensions
{
    /// <summary>
    /// Metrics and traces over OTLP: the bot's meter (turns, turn latency, and what other features add), ASP.NET
    /// Core requests and outgoing HTTP (Bot Connector, Zalo). Nothing is registered without Telemetry:OtlpEndpoint,
    /// so a plain run pays nothing.
    /// </summary>
    public static IServiceCollection AddBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => o.OtlpProtocol is "Grpc" or "HttpProtobuf", "Telemetry:OtlpProtocol must be Grpc or HttpProtobuf.")
            .ValidateOnStart();
        if (options.OtlpEndpoint is null) return services;

        void Otlp(OtlpExporterOptions o)
        {
            o.Endpoint = options.OtlpEndpoint;
            o.Protocol = options.OtlpProtocol == "HttpProtobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithMetrics(m => m
                .AddMeter(ConversationMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(Otlp))
            .WithTracing(t => t
                .AddSource(ConversationMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(Otlp));
        return services;
    }
}
