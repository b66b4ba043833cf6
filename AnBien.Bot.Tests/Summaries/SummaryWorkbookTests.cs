using AnBien.Bot.Summaries;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Summaries;

/// <summary>
/// The workbook is written by hand with the streaming Open XML writer, so nothing checks its XML but us: it must be a
/// package Excel opens without a repair prompt, with typed cells (dates as dates, points as numbers) and frozen headers.
/// </summary>
public sealed class SummaryWorkbookTests
{
    [Fact]
    public async Task WorkbookIsValidOpenXmlWithTypedCellsAndFrozenHeaders()
    {
        var (app, data) = await GeneratedOrganisation.CreateAsync("Sqlite");
        await using var _app = app;
        await using var db = app.CreateDbContext();
        var summary = (await app.Services.GetRequiredService<SummaryService>().ComputeAsync(db, "PA", true, SummaryPeriod.Parse("2026-09"), default))!;
        using var stream = new MemoryStream();

        await app.Services.GetRequiredService<SummaryWorkbook>().WriteAsync(db, summary, "vi", stream, default);

        stream.Position = 0;
        using (var document = SpreadsheetDocument.Open(stream, false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        }

        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        var people = workbook.Worksheet("Từng người");
        Assert.Equal("Nộp lúc", people.Cell(1, 10).GetString());
        Assert.True(people.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(1, people.SheetView.SplitRow);
        Assert.Equal(XLDataType.DateTime, people.Cell(2, 10).DataType);
        Assert.Equal(XLDataType.Number, people.Cell(2, 5).DataType);
        var submitted = data.Submissions.Where(s => s.Month == "2026-09" && s.UnitCode is "PA" or "PA1").ToList();
        Assert.Equal(submitted.Sum(s => s.Total), people.Column(5).CellsUsed().Skip(1).Sum(c => c.GetValue<int>()));
        Assert.Equal(XLDataType.Text, workbook.Worksheet("Câu trả lời").Cell(2, 1).DataType);
    }
}
