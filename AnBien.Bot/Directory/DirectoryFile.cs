using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;

namespace AnBien.Bot.Directory;

/// <summary>
/// Reads a directory file: a CSV of units (code,name,parent_code) or of staff
/// (code,full_name,unit_code,title,roles,email,phone,teams_object_id), or an XLSX whose sheets have those headers.
/// </summary>
public sealed class DirectoryFile
{
    private static readonly string[] UnitHeader = ["code", "name", "parent_code"];
    private static readonly string[] StaffHeader = ["code", "full_name", "unit_code", "title", "roles", "email", "phone", "teams_object_id"];

    public List<UnitRow> Units { get; } = [];
    public List<StaffRow> Staff { get; } = [];
    public bool HasUnits { get; private set; }
    public bool HasStaff { get; private set; }
    public List<string> Errors { get; } = [];

    public static DirectoryFile Read(string path)
    {
        var file = new DirectoryFile();
        var name = Path.GetFileName(path);
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            using var workbook = new XLWorkbook(path);
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
            using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null });
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

    private void Add(string source, List<(int Line, string[] Cells)> rows)
    {
        if (rows.Count == 0) return;
        var header = rows[0].Cells.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var isStaff = header.Length >= 3 && header.Take(3).SequenceEqual(StaffHeader.Take(3));
        var isUnits = !isStaff && header.Length >= 2 && header.Take(2).SequenceEqual(UnitHeader.Take(2));
        if (!isStaff && !isUnits)
        {
            Errors.Add($"{source} line {rows[0].Line}: unknown header '{string.Join(',', header)}'.");
            return;
        }

        string? Cell(string[] cells, string column, string[] columns)
        {
            var i = Array.IndexOf(header, column);
            if (i < 0) i = Array.IndexOf(columns, column);
            var v = i >= 0 && i < cells.Length ? cells[i].Trim() : null;
            return string.IsNullOrEmpty(v) ? null : v;
        }

        foreach (var (line, cells) in rows.Skip(1))
        {
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (isUnits)
            {
                HasUnits = true;
                Units.Add(new UnitRow(line, Cell(cells, "code", UnitHeader) ?? "", Cell(cells, "name", UnitHeader) ?? "", Cell(cells, "parent_code", UnitHeader)));
            }
            else
            {
                HasStaff = true;
                Staff.Add(new StaffRow(line, Cell(cells, "code", StaffHeader) ?? "", Cell(cells, "full_name", StaffHeader) ?? "",
                    Cell(cells, "unit_code", StaffHeader) ?? "", Cell(cells, "title", StaffHeader), Cell(cells, "roles", StaffHeader),
                    Cell(cells, "email", StaffHeader), Cell(cells, "phone", StaffHeader), Cell(cells, "teams_object_id", StaffHeader)));
            }
        }

        HasUnits |= isUnits;
        HasStaff |= isStaff;
    }
}
