using System.Globalization;
using AnBien.Bot.Assessment;
using AnBien.Bot.Storage;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Admin;

/// <summary>One row per person and item of a period: unit, staff code, name, item code, answer, points, submitted at.</summary>
public sealed class AssessmentExport(CatalogueRegistry catalogues, PeriodService periods)
{
    private static readonly string[] Header = ["unit", "staff_code", "full_name", "item_code", "answer", "points", "submitted_at"];

    public async Task<IReadOnlyList<string[]>> RowsAsync(BotDbContext db, string month, CancellationToken ct)
    {
        PeriodService.ParseMonth(month);
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Month == month, ct)
            ?? throw new ArgumentException($"There is no period for {month}.");
        var form = await catalogues.FormForAsync(db, period, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(periods.Options.TimeZone);
        var data = await db.Assessments.AsNoTracking()
            .Where(a => a.PeriodId == period.Id)
            .Select(a => new
            {
                Unit = db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Code).FirstOrDefault(),
                a.Staff!.Code,
                a.Staff.FullName,
                a.SubmittedAt,
                Answers = a.Answers.Select(x => new { x.ItemCode, x.ChoiceCode, x.Points }).ToList(),
            })
            .ToListAsync(ct);

        var rows = new List<string[]>();
        foreach (var a in data.OrderBy(a => a.Unit).ThenBy(a => a.Code))
        {
            var submitted = a.SubmittedAt is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : "";
            foreach (var x in a.Answers.OrderBy(x => form.ByCode.TryGetValue(x.ItemCode, out var q) ? q.Index : int.MaxValue))
            {
                var label = form.ByCode.TryGetValue(x.ItemCode, out var q)
                    ? q.Scale.Choices.FirstOrDefault(c => c.Code == x.ChoiceCode)?.Label ?? x.ChoiceCode
                    : x.ChoiceCode;
                rows.Add([a.Unit ?? "", a.Code, a.FullName, x.ItemCode, label, x.Points.ToString(CultureInfo.InvariantCulture), submitted]);
            }
        }

        return rows;
    }

    public static async Task WriteCsvAsync(IReadOnlyList<string[]> rows, Stream output, CancellationToken ct)
    {
        // UTF-8 with BOM so Excel opens Vietnamese names correctly when the file is double-clicked.
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var h in Header) csv.WriteField(h);
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            foreach (var field in row) csv.WriteField(Inert(field));
            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
        _ = ct;
    }

    /// <summary>
    /// A cell a spreadsheet will not run as a formula: text starting with = + - @, tab or CR gets a leading ' (OWASP's
    /// advice on CSV injection), so a name imported as "=HYPERLINK(…)" is shown, not executed. Numbers stay numbers.
    /// </summary>
    public static string Inert(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !decimal.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            ? "'" + field
            : field;

    public static void WriteXlsx(IReadOnlyList<string[]> rows, string month, Stream output)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add($"Tự đánh giá {month}");
        for (var c = 0; c < Header.Length; c++) sheet.Cell(1, c + 1).Value = Header[c];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < Header.Length; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                if (c == 5)
                {
                    cell.SetValue(int.Parse(rows[r][c], CultureInfo.InvariantCulture));
                }
                else
                {
                    // Text stays text: codes such as "CN-A-1" must not be read as dates or numbers.
                    cell.DataType = XLDataType.Text;
                    cell.SetValue(rows[r][c]);
                }
            }
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        // Fixed widths: ClosedXML measures text through System.Drawing (libgdiplus), which servers do not have.
        double[] widths = [12, 12, 28, 12, 16, 8, 26];
        for (var c = 0; c < widths.Length; c++) sheet.Column(c + 1).Width = widths[c];
        workbook.SaveAs(output);
    }
}
