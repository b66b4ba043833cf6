using System.Globalization;
using AnBien.Bot.Admin;
using CsvHelper;

namespace AnBien.Bot.Tests.Admin;

public sealed class AssessmentExportTests
{
    [Fact]
    public async Task CsvCellsThatASpreadsheetWouldRunAreWrittenAsText()
    {
        string[] row = ["=HYPERLINK(\"http://x\")", "+cmd", "-2+3", "@SUM(A1)", "\tlead", "\rlead", "Nguyễn Văn A", "-5"];
        using var output = new MemoryStream();

        await AssessmentExport.WriteCsvAsync([row], output, CancellationToken.None);

        output.Position = 0;
        using var reader = new CsvReader(new StreamReader(output), CultureInfo.InvariantCulture);
        Assert.True(await reader.ReadAsync());
        Assert.True(await reader.ReadAsync());
        var written = Enumerable.Range(0, row.Length).Select(i => reader.GetField(i) ?? "").ToArray();
        Assert.Equal(["'=HYPERLINK(\"http://x\")", "'+cmd", "'-2+3", "'@SUM(A1)", "'\tlead", "'\rlead", "Nguyễn Văn A", "-5"], written);
    }
}
