using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;

namespace AnBien.Bot.Directory;

/// <summary>
/// Reads a directory file: a CSV of units (code,name,parent_code) or of staff
/// (code,full_name,unit_code,title,roles,email,phone,teams_object_id, and optionally category), columns in any order, comma-, semicolon- or
/// tab-separated; or an XLSX whose sheets have those headers.
/// </summary>
public sealed class DirectoryFile
{
    private static readonly string[] UnitHeader = ["code", "name", "parent_code"];
    private static readonly string[] StaffHeader = ["code", "full_name", "unit_code", "title", "roles", "email", "phone", "teams_object_id"];

    // Optional: a file without the column leaves everyone's category as it is (directories exported before it existed).
    private const string CategoryColumn = "category";

    public List<UnitRow> Units { get; } = [];
    public List<StaffRow> Staff { get; } = [];
    public bool HasUnits { get; private set; }
    public bool HasStaff { get; private set; }

    /// <summary>Whether the staff rows carry the optional "category" column (cong_chuc, vien_chuc, nguoi_lao_dong).</summary>
    public bool HasCategory { get; private set; }
    public List<string> Errors { get; } = [];

    public static DirectoryFile Read(string path)
    {
        var file = new DirectoryFile();
        var name = Path.GetFileName(path);
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            using var workbook = OpenWorkbook(path, name);
            foreach (var sheet in workbook.Worksheets)
            {
                var rows = sheet.RangeUsed()?.RowsUsed()
                    .Select(r => (Line: r.RowNumber(), Cells: r.Cells(1, r.LastCellUsed().Address.ColumnNumber).Select(c => c.GetString()).ToArray()))
                    .ToList() ?? [];
                file.Add($"{name} [{sheet.Name}]", rows);
            }
        }
        else
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            // Excel in the Vietnamese locale saves "CSV" with semicolons; a tab-separated copy from a sheet is common too.
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                BadDataFound = null,
                DetectDelimiter = true,
                DetectDelimiterValues = [",", ";", "\t"],
            };
            using var csv = new CsvParser(reader, configuration);
            var rows = new List<(int, string[])>();
            while (csv.Read())
            {
                rows.Add((csv.Row, csv.Record ?? []));
            }

            file.Add(name, rows);
        }

        if (!file.HasUnits && !file.HasStaff && file.Errors.Count == 0)
        {
            file.Errors.Add($"{name}: no header matches '{string.Join(',', UnitHeader)}' or '{string.Join(',', StaffHeader)}'.");
        }

        return file;
    }

    private static XLWorkbook OpenWorkbook(string path, string name)
    {
        try
        {
            return new XLWorkbook(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or System.Xml.XmlException or OpenXmlPackageException)
        {
            throw new ArgumentException($"{name} is not a readable .xlsx workbook ({ex.Message.TrimEnd('.')}).", ex);
        }
    }

    private void Add(string source, List<(int Line, string[] Cells)> rows)
    {
        if (rows.Count == 0) return;
        var header = rows[0].Cells.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        while (header.Length > 0 && header[^1].Length == 0) header = header[..^1];
        var isStaff = header.Contains("full_name") || header.Contains("unit_code");
        var isUnits = !isStaff && (header.Contains("name") || header.Contains("parent_code"));
        if (!isStaff && !isUnits)
        {
            Errors.Add($"{source} line {rows[0].Line}: unknown header '{string.Join(',', header)}'; expected the columns " +
                $"'{string.Join(',', UnitHeader)}' (units) or '{string.Join(',', StaffHeader)}' (staff), in any order.");
            return;
        }

        // Every column must be named: a missing "email" column would otherwise clear everyone's e-mail.
        var expected = isStaff ? StaffHeader : UnitHeader;
        var missing = expected.Where(c => !header.Contains(c)).ToList();
        var optional = isStaff ? [CategoryColumn] : Array.Empty<string>();
        var unknown = header.Where(c => !expected.Contains(c) && !optional.Contains(c)).ToList();
        var twice = header.Where(c => c.Length > 0).GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var kind = isStaff ? "staff" : "units";
        if (missing.Count > 0) Errors.Add($"{source} line {rows[0].Line}: the {kind} header lacks the column(s) {Quote(missing)}.");
        if (unknown.Count > 0) Errors.Add($"{source} line {rows[0].Line}: unknown column(s) {Quote(unknown)} in the {kind} header (known: {string.Join(',', expected)}).");
        if (twice.Count > 0) Errors.Add($"{source} line {rows[0].Line}: column(s) {Quote(twice)} appear twice.");
        if (missing.Count + unknown.Count + twice.Count > 0) return;

        string? Cell(string[] cells, string column)
        {
            var i = Array.IndexOf(header, column);
            var v = i >= 0 && i < cells.Length ? cells[i].Trim() : null;
            return string.IsNullOrEmpty(v) ? null : v;
        }

        foreach (var (line, cells) in rows.Skip(1))
        {
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (isUnits)
            {
                Units.Add(new UnitRow(line, Cell(cells, "code") ?? "", Cell(cells, "name") ?? "", Cell(cells, "parent_code")));
            }
            else
            {
                Staff.Add(new StaffRow(line, Cell(cells, "code") ?? "", Cell(cells, "full_name") ?? "",
                    Cell(cells, "unit_code") ?? "", Cell(cells, "title"), Cell(cells, "roles"),
                    Cell(cells, "email"), Cell(cells, "phone"), Cell(cells, "teams_object_id"))
                {
                    Category = Cell(cells, CategoryColumn)?.ToLowerInvariant(),
                });
            }
        }

        HasUnits |= isUnits;
        HasStaff |= isStaff;
        HasCategory |= isStaff && header.Contains(CategoryColumn);
    }

    private static string Quote(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"'{c}'"));
}
