using System.Net;
using System.Text.Json.Nodes;
using AnBien.Bot.Admin;
using AnBien.Bot.Privacy;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Privacy;

public sealed class PersonalDataExportTests
{
    // What identifies Trần Văn Minh (NV002), the other person, in the demo directory and in the seeded data.
    private static readonly string[] Minh =
        ["Trần Văn Minh", "NV002", "minh.tran@", "0900000002", "00000000-0000-4000-8000-000000000002", "Chánh Văn phòng", "MINH7"];

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExportHoldsEverythingAboutThePersonAndNothingAboutAnyoneElse(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        await SeedTwoPeopleAsync(app);
        // Lan also answers through the chat (auto-linked by her Teams identity), as she would for real.
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");
        await chat.SayAsync("Thường xuyên");
        var path = Path.Combine(Path.GetTempPath(), $"person-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, _) = await RunAsync(app, "person", "export", "NV001", "--out", path);
            Assert.Equal(0, code);
            Assert.Equal($"Everything stored about NV001 written to {path}.", output.Trim());
            var text = await File.ReadAllTextAsync(path);
            var export = JsonNode.Parse(text)!.AsObject();

            Assert.Equal("Nguyễn Thị Lan", export["staff"]![0]!["fullName"]!.GetValue<string>());
            Assert.Equal("0900000001", export["staff"]![0]!["phone"]!.GetValue<string>());
            Assert.Equal(["emulator", "msteams", "webchat", "zalo"], Strings(export["channelAccounts"], "channel").Order());
            Assert.Equal(["2026-10", "2026-11"], Strings(export["assessments"], "period"));
            Assert.Equal("good deed of LAN3", export["assessments"]![0]!["goodDeed"]!.GetValue<string>());
            Assert.Contains("CN-A-1", Strings(export["answers"], "itemCode"));
            Assert.Equal(["note of LAN3"], Strings(export["notes"], "text"));
            Assert.Equal(["web message of LAN3"], Strings(export["webChatMessages"], "text"));
            Assert.Contains(chat.ConversationId, Strings(export["conversations"], "conversationId"));
            Assert.Equal(4, export["conversations"]!.AsArray().Count);
            Assert.Contains("zalo message of LAN3", Strings(export["zaloInbox"], "body").Single(), StringComparison.Ordinal);
            Assert.Equal(["zalo-LAN3"], Strings(export["zaloUsers"], "userId"));
            Assert.Single(export["zaloLinkRequests"]!.AsArray());
            Assert.Single(export["activationCodes"]!.AsArray());
            Assert.Equal(["2026-12"], Strings(export["consents"], "noticeVersion"));
            Assert.Equal(["a:teams-chat-LAN3"], Strings(export["teamsConversations"], "conversationId"));
            foreach (var section in PersonalDataExport.SectionNames) Assert.True(export.ContainsKey(section), section);

            foreach (var other in Minh) Assert.DoesNotContain(other, text, StringComparison.OrdinalIgnoreCase);
            // The bot's reply in Lan's chat named Minh: the bot's side of a chat is not exported.
            Assert.DoesNotContain("Reply to", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task WorkbookHasASheetPerSectionAndNothingAboutAnyoneElse()
    {
        await using var app = await BotApplication.StartAsync();
        await SeedTwoPeopleAsync(app);
        var path = Path.Combine(Path.GetTempPath(), $"person-{Guid.NewGuid():N}.xlsx");
        try
        {
            var (code, _, _) = await RunAsync(app, "person", "export", "NV001", "--out", path);
            Assert.Equal(0, code);
            using var workbook = new XLWorkbook(path);
            Assert.Equal(PersonalDataExport.SectionNames, workbook.Worksheets.Select(w => w.Name));
            var staff = workbook.Worksheet("staff");
            Assert.Equal("0900000001", Column(staff, "phone").Single());
            Assert.Equal(["note of LAN3"], Column(workbook.Worksheet("notes"), "text"));
            var cells = workbook.Worksheets.SelectMany(w => w.CellsUsed()).Select(c => c.GetString()).ToList();
            foreach (var other in Minh) Assert.DoesNotContain(cells, c => c.Contains(other, StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task SignedLinkServesTheExportToItsHolderUntilItExpires()
    {
        await using var app = await BotApplication.StartAsync();
        await SeedTwoPeopleAsync(app);
        int lan;
        await using (var db = app.CreateDbContext()) lan = (await db.Staff.SingleAsync(s => s.Code == "NV001")).Id;
        var (json, workbook) = app.Services.GetRequiredService<PersonalDataLinks>().Create(lan);
        using var http = app.CreateClient();

        var response = await http.GetAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nguyễn Thị Lan", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Trần Văn Minh", body, StringComparison.Ordinal);
        var xlsx = await http.GetAsync(workbook);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using (var book = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync())) Assert.Equal("Nguyễn Thị Lan", Column(book.Worksheet("staff"), "fullName").Single());

        // A token edited to point elsewhere is refused, and so is a genuine one once its 15 minutes are over.
        var token = json.OriginalString[PersonalDataLinks.Path.Length..json.OriginalString.IndexOf('?', StringComparison.Ordinal)];
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(PersonalDataLinks.Path + token[..^2] + "AA")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(json)).StatusCode);
    }

    [Fact]
    public async Task UnknownStaffCodeIsAnErrorNotAnEmptyExport()
    {
        await using var app = await BotApplication.StartAsync();
        var (code, output, error) = await RunAsync(app, "person", "export", "NV999");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("no staff record has the code 'NV999'", error, StringComparison.Ordinal);
    }

    /// <summary>Lan (NV001, marker LAN3) and Minh (NV002, marker MINH7) in the same unit, same period, every kind of data.</summary>
    internal static async Task SeedTwoPeopleAsync(BotApplication app)
    {
        await using var db = app.CreateDbContext();
        var period = await PersonSeed.PeriodAsync(db, "2026-10", new DateTimeOffset(2026, 11, 5, 17, 0, 0, TimeSpan.Zero));
        var at = period.ClosesAt.AddDays(-2);
        var lan = await db.Staff.SingleAsync(s => s.Code == "NV001");
        var minh = await db.Staff.SingleAsync(s => s.Code == "NV002");
        await PersonSeed.AssessmentAsync(db, lan, period, 2, 1, "LAN3");
        await PersonSeed.AssessmentAsync(db, minh, period, 2, 2, "MINH7");
        await PersonSeed.ChatsAsync(db, lan, "LAN3", at, namedInBotReply: "Trần Văn Minh");
        await PersonSeed.ChatsAsync(db, minh, "MINH7", at);
        // Minh, as unit head, was asked to approve a Zalo link for Lan: that request is about Lan, not Minh.
        var request = await db.ZaloLinkRequests.SingleAsync(r => r.StaffId == lan.Id);
        request.ApproverStaffId = minh.Id;
        await db.SaveChangesAsync();
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(BotApplication app, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AdminCommandLine.RunAsync(app.Services, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static List<string> Strings(JsonNode? section, string field) =>
        section!.AsArray().Select(row => row![field]!.GetValue<string>()).ToList();

    private static List<string> Column(IXLWorksheet sheet, string header)
    {
        var column = sheet.Row(1).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;
        return sheet.RowsUsed().Skip(1).Select(r => r.Cell(column).GetString()).ToList();
    }
}
