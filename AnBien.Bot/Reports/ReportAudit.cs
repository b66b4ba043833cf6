namespace AnBien.Bot.Reports;

/// <summary>The audit table's actions for reports; rows are written through <see cref="Summaries.SummaryAudit"/>.</summary>
public static class ReportAudit
{
    public const string View = "report.view";
    public const string Workbook = "report.workbook";
    public const string Awards = "report.awards";

    /// <summary>The scope of a refused request: the person gets nothing at all.</summary>
    public const string NoScope = "-";
}
