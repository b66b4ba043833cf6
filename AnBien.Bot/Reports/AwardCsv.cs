using System.Globalization;
using AnBien.Bot.Admin;
using AnBien.Bot.Conversations;
using CsvHelper;

namespace AnBien.Bot.Reports;

/// <summary>`awards --format csv`: one row per candidate, then per near miss, every text cell through the formula-safe <see cref="AssessmentExport.Inert"/>.</summary>
public static class AwardCsv
{
    public const string Candidate = "candidate", NearMiss = "near-miss";

    private static readonly string[] Header =
        ["kind", "unit", "staff_code", "full_name", "months_expected", "months_submitted", "breaches", "months_at_level", "unit_participation", "average_percent", "evidence"];

    public static async Task WriteAsync(TextCatalog texts, AwardList awards, Stream output, CancellationToken ct)
    {
        // UTF-8 with BOM so Excel opens Vietnamese names correctly when the file is double-clicked.
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var h in Header) csv.WriteField(h);
        await csv.NextRecordAsync();
        foreach (var (kind, people) in new[] { (Candidate, awards.Candidates), (NearMiss, awards.NearMisses) })
        {
            foreach (var c in people)
            {
                var p = c.Person;
                string[] fields =
                [
                    kind, p.UnitCode, p.Code, p.FullName, Invariant(p.MonthsExpected), Invariant(p.MonthsSubmitted), Invariant(p.Breaches),
                    Invariant(c.MonthsAtLevel.Count), Invariant(c.Checks.Single(x => x.Rule == AwardRule.UnitParticipation).Actual),
                    p.AveragePercent is { } average ? Invariant(average) : "",
                    AwardEvidence.Describe(texts, TextCatalog.Vietnamese, awards, c, failedOnly: kind == NearMiss),
                ];
                foreach (var field in fields) csv.WriteField(AssessmentExport.Inert(field));
                await csv.NextRecordAsync();
            }
        }

        await csv.FlushAsync();
        ct.ThrowIfCancellationRequested();
    }

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
