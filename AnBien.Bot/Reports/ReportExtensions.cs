namespace AnBien.Bot.Reports;

public static class ReportExtensions
{
    /// <summary>Yearly and milestone reports and award candidates: the Awards rules, the report, its workbook and the desk.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<AwardOptions>().BindConfiguration(AwardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<YearlyReportService>();
        services.AddSingleton<YearlyWorkbook>();
        services.AddSingleton<ReportDesk>();
        return services;
    }
}
