using AnBien.Bot.Conversations;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AnBien.Bot.Hosting;

public static class TelemetryExtensions
{
    /// <summary>
    /// Metrics and traces over OTLP: the bot's meter (turns, turn latency; depths, deliveries and token refreshes from
    /// <see cref="OperationsMetrics"/>), ASP.NET
    /// Core requests and outgoing HTTP (Bot Connector, Zalo). Nothing is registered without Telemetry:OtlpEndpoint,
    /// so a plain run pays nothing.
    /// </summary>
    public static IServiceCollection AddBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => o.OtlpProtocol is "Grpc" or "HttpProtobuf", "Telemetry:OtlpProtocol must be Grpc or HttpProtobuf.")
            .ValidateOnStart();
        // Always there, so tests and in-process listeners see the instruments; they cost nothing until someone listens.
        services.AddMetrics();
        services.AddSingleton<OperationsMetrics>();
        if (options.OtlpEndpoint is null) return services;

        void Otlp(OtlpExporterOptions o)
        {
            o.Endpoint = options.OtlpEndpoint;
            o.Protocol = options.OtlpProtocol == "HttpProtobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithMetrics(m =>
            {
                // Resolved with the meter provider, so its gauges are exported from the start, not from first use.
                if (m is IDeferredMeterProviderBuilder deferred) deferred.Configure((sp, _) => sp.GetRequiredService<OperationsMetrics>());
                m.AddMeter(ConversationMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddOtlpExporter(Otlp);
            })
            .WithTracing(t => t
                .AddSource(ConversationMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(Otlp));
        return services;
    }
}
