namespace AnBien.Bot.Hosting;

/// <summary>OpenTelemetry export. Off unless an OTLP endpoint is configured (Telemetry__OtlpEndpoint).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The collector, e.g. http://otel-collector:4317 (gRPC) or http://otel-collector:4318 (HTTP). Empty = no export.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>"Grpc" (default) or "HttpProtobuf".</summary>
    public string OtlpProtocol { get; set; } = "Grpc";

    /// <summary>The service.name resource attribute, to tell this bot apart in a shared collector.</summary>
    public string ServiceName { get; set; } = "anbien-bot";
}
