using AnBien.Bot.Conversations;
using AnBien.Bot.Schedule;
using AnBien.Bot.Storage;
using ClosedXML.Excel;

namespace AnBien.Bot.Announcements;

/// <summary>An announcement's deliveries as a workbook for the council's files: who, which unit, which channel, what happened and when.</summary>
public sealed class AnnouncementWorkbook(TextCatalog texts, WorkingCalendar calendar)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task WriteAsync(BotDbContext db, Announcement announcement, string language, Stream output, CancellationToken ct)
    {
        string T(string key) => texts.Get(language, key);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(T("announce.workbook.sheet"));
        sheet.Cell(1, 1).Value = texts.Get(language, "announce.workbook.title", ("id", announcement.Id));
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(2, 1).Value = announcement.Text;
        string[] headers = ["code", "name", "unit", "channel", "state", "reason", "attempts", "sentAt", "acknowledgedAt"];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(4, c + 1).Value = T("announce.workbook." + headers[c]);
            sheet.Cell(4, c + 1).Style.Font.Bold = true;
        }

        var row = 5;
        await foreach (var line in AnnouncementReport.LinesAsync(db, announcement.Id).WithCancellation(ct))
        {
            sheet.Cell(row, 1).Value = line.Code;
            sheet.Cell(row, 2).Value = line.FullName;
            sheet.Cell(row, 3).Value = line.Unit;
            sheet.Cell(row, 4).Value = line.Channel ?? "";
            sheet.Cell(row, 5).Value = T("announce.state." + line.State.ToString().ToLowerInvariant());
            sheet.Cell(row, 6).Value = line.Reason ?? "";
            sheet.Cell(row, 7).Value = line.Attempts;
            sheet.Cell(row, 8).Value = Local(line.SentAt);
            sheet.Cell(row, 9).Value = Local(line.AcknowledgedAt);
            row++;
        }

        // Fixed widths: measuring the contents needs GDI+, which Linux servers lack.
        sheet.Columns(1, headers.Length).Width = 18;
        sheet.Column(2).Width = 28;
        sheet.Column(6).Width = 40;
        workbook.SaveAs(output);
    }

    private string Local(DateTimeOffset? at) => at is { } t ? DisplayFormat.DateTime(TimeZoneInfo.ConvertTime(t, calendar.Zone)) : "";
}
