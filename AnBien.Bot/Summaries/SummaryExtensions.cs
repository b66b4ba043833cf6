using Microsoft.Extensions.Options;

namespace AnBien.Bot.Summaries;

public static class SummaryExtensions
{
    /// <summary>Unit summaries: computation, scope and audit, chart, workbook and their signed links.</summary>
    public static IServiceCollection AddSummaries(this IServiceCollection services)
    {
        services.AddOptions<SummaryOptions>().BindConfiguration(SummaryOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.LinkSigningKey is null || IsKey(o.LinkSigningKey), "Summaries:LinkSigningKey must be base64 of 32 bytes or more.")
            .ValidateOnStart();
        services.AddOptions<PublicAddressOptions>().BindConfiguration(PublicAddressOptions.Section)
            .Validate(o => o.IsValid, "Bot:PublicBaseUrl must be an absolute http(s) address.")
            .ValidateOnStart();
        services.AddSingleton<SummaryService>();
        services.AddSingleton<SummaryAudit>();
        services.AddSingleton<SummaryDesk>();
        services.AddSingleton<Schedule.IPeriodClosedHandler, ClosingSummaryPush>();
        services.AddSingleton<SummaryWorkbook>();
        services.AddSingleton<SummaryLinks>();
        return services;
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var length) && length >= 32;
    }
}
