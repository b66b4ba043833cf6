using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AnBien.Bot.Summaries;

/// <summary>
/// Writes one worksheet row by row with the Open XML SDK's streaming writer, so a sheet of tens of thousands of rows
/// costs one pass and little memory. ClosedXML builds every cell as an object and then serialises the lot, which took
/// 10–40 s for the 18,000 answers of a 500-person unit (BENCHMARKS.md, "Summaries"). Text is written as inline
/// strings, numbers and dates as numbers; a cell given null or "" stays empty.
/// </summary>
public sealed class SheetWriter : IDisposable
{
    private const uint BoldStyle = 1, DateStyle = 2;
    private readonly OpenXmlWriter _writer;
    private int _row;

    /// <param name="widths">Fixed column widths: measuring text would need System.Drawing, which servers do not have.</param>
    /// <param name="freezeHeader">Keep row 1 (the headers) in view while scrolling.</param>
    public SheetWriter(WorkbookPart workbook, string name, IReadOnlyList<double> widths, bool freezeHeader)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var sheets = workbook.Workbook.Sheets ??= new Sheets();
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        if (freezeHeader)
        {
            var pane = new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen };
            _writer.WriteElement(new SheetViews(new SheetView(pane, new Selection { Pane = PaneValues.BottomLeft }) { WorkbookViewId = 0 }));
        }

        _writer.WriteElement(new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })));
        _writer.WriteStartElement(new SheetData());
    }

    /// <summary>The styles the sheets refer to: 0 plain, 1 bold (headers), 2 date and time.</summary>
    public static void AddStyles(WorkbookPart workbook)
    {
        static Font Font(bool bold) => bold
            ? new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })
            : new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" });
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 1 },
            new Fonts(Font(false), Font(true)) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
                new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 3 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    /// <summary>The row the next <see cref="Row"/> writes.</summary>
    public int NextRow => _row + 1;

    /// <summary>Leaves rows empty.</summary>
    public void Skip(int rows) => _row += rows;

    /// <summary>A row of bold headers.</summary>
    public void Header(params string[] names) => Write(BoldStyle, names);

    /// <summary>A row of values: strings (always text, so "2026-10" stays a code), whole or decimal numbers, dates.</summary>
    public void Row(params object?[] cells) => Write(null, cells);

    private void Write(uint? style, object?[] cells)
    {
        var row = (++_row).ToString(CultureInfo.InvariantCulture);
        _writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", row)]);
        for (var c = 0; c < cells.Length; c++)
        {
            if (cells[c] is null or "") continue;
            var reference = new OpenXmlAttribute("r", "", (char)('A' + c) + row);
            switch (cells[c])
            {
                case string text:
                    _writer.WriteStartElement(new Cell(), style is { } s
                        ? [reference, new OpenXmlAttribute("t", "", "inlineStr"), new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture))]
                        : [reference, new OpenXmlAttribute("t", "", "inlineStr")]);
                    _writer.WriteElement(new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }));
                    break;
                case DateTime at:
                    _writer.WriteStartElement(new Cell(), [reference, new OpenXmlAttribute("s", "", DateStyle.ToString(CultureInfo.InvariantCulture))]);
                    _writer.WriteElement(new CellValue(at.ToOADate().ToString("R", CultureInfo.InvariantCulture)));
                    break;
                case IFormattable number:
                    _writer.WriteStartElement(new Cell(), [reference]);
                    _writer.WriteElement(new CellValue(number.ToString(null, CultureInfo.InvariantCulture)));
                    break;
                default:
                    throw new ArgumentException($"A cell cannot hold a {cells[c]!.GetType().Name}.", nameof(cells));
            }

            _writer.WriteEndElement();
        }

        _writer.WriteEndElement();
    }

    /// <summary>People's own words (good deeds) may hold control characters that XML cannot carry; they are dropped.</summary>
    private static string XmlSafe(string text)
    {
        foreach (var ch in text)
        {
            if (!XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch)) return string.Concat(text.Where(x => XmlConvert.IsXmlChar(x) || char.IsSurrogate(x)));
        }

        return text;
    }

    public void Dispose()
    {
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.Close();
    }
}
