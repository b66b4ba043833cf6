using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;

namespace AnBien.Bot.Privacy;

/// <summary>The export as a workbook for people who do not read JSON: one sheet per section, one row per record.</summary>
public static class PersonalDataWorkbook
{
    public static void Write(JsonObject export, Stream output)
    {
        using var workbook = new XLWorkbook();
        foreach (var (name, node) in export)
        {
            if (node is not JsonArray rows) continue;
            var sheet = workbook.AddWorksheet(name.Length > 31 ? name[..31] : name);
            var columns = rows.OfType<JsonObject>().SelectMany(r => r.Select(p => p.Key)).Distinct().ToList();
            for (var c = 0; c < columns.Count; c++) sheet.Cell(1, c + 1).Value = columns[c];
            var r = 2;
            foreach (var row in rows.OfType<JsonObject>())
            {
                for (var c = 0; c < columns.Count; c++) SetCell(sheet.Cell(r, c + 1), row[columns[c]]);
                r++;
            }

            sheet.Row(1).Style.Font.Bold = true;
        }

        workbook.SaveAs(output);
    }

    private static void SetCell(IXLCell cell, JsonNode? value)
    {
        if (value is not JsonValue scalar) return;
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.Number: cell.Value = scalar.GetValue<double>(); break;
            case JsonValueKind.True or JsonValueKind.False: cell.Value = scalar.GetValue<bool>(); break;
            case JsonValueKind.String:
                // Text as text: a phone number or a code must not turn into a number or a formula.
                cell.SetValue(scalar.GetValue<string>());
                cell.DataType = XLDataType.Text;
                break;
        }
    }
}
