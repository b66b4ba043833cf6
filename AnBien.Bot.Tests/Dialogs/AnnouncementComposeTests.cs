using System.Net;
using AnBien.Bot.Announcements;
using AnBien.Bot.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Dialogs;

/// <summary>The council's "thông báo" and "tình hình thông báo" in chat: who may, what is queued, what is audited, what the report shows.</summary>
public sealed class AnnouncementComposeTests
{
    private const string Council = "00000000-0000-4000-8000-000000000006"; // NV006
    private const string Lan = "00000000-0000-4000-8000-000000000001"; // NV001, staff
    private static readonly Dictionary<string, string?> PublicAddress = new() { ["Bot:PublicBaseUrl"] = "https://vanhoa.example.vn/bot" };

    [Theory]
    [InlineData("thông báo", "announce.compose")]
    [InlineData("thong bao", "announce.compose")]
    [InlineData("tình hình thông báo", "announce.status")]
    public async Task StaffMemberWhoAsksIsRefusedAndTheRefusalIsAudited(string said, string action)
    {
        await using var app = await BotApplication.StartAsync();
        // Not a test of the privacy notice: "thong bao" has the shape of an activation code, which the test client's
        // automatic agreement would not say again.
        await app.AgreedEarlierAsync("NV001");

        var replies = await app.Chat("29:lan", Lan).SayAsync(said);

        Assert.Contains(replies, r => r.Text.Contains("chỉ dành cho Hội đồng thi đua", StringComparison.Ordinal));
        await using var db = app.CreateDbContext();
        var entry = Assert.Single(db.Audit.AsNoTracking().Where(a => a.Action == action));
        Assert.Equal(("NV001", "denied"), (entry.Actor, entry.Outcome));
        Assert.Empty(db.Announcements);
    }

    [Fact]
    public async Task CouncilSendsToAUnitWithItsSubUnitsAndEachOfThemGetsOneDelivery()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat("29:han", Council);

        foreach (var said in new[] { "thông báo", "Tổng vệ sinh trụ sở sáng thứ Bảy.", "Bỏ qua", "Bỏ qua", "Theo đơn vị", "VHXH", "Có", "Không", "01/12 07:00" })
        {
            await chat.SayAsync(said);
        }

        var preview = await chat.SayAsync("Gửi");

        Assert.Contains(preview, r => r.Text.Contains("Đã hẹn gửi thông báo số 1 lúc 07:00 01/12/2026", StringComparison.Ordinal));
        await using var db = app.CreateDbContext();
        var units = await db.Units.Where(u => u.Code == "VHXH" || u.Code == "YT").Select(u => u.Id).ToListAsync();
        var expected = await db.Staff.Where(s => s.Active && units.Contains(s.UnitId)).Select(s => s.Id).OrderBy(i => i).ToListAsync();
        var deliveries = await db.AnnouncementDeliveries.Where(d => d.AnnouncementId == 1).Select(d => d.StaffId).OrderBy(i => i).ToListAsync();
        Assert.Equal(expected, deliveries);
        var announcement = await db.Announcements.SingleAsync();
        Assert.Equal(("units:VHXH", true, "NV006"), (announcement.Audience, announcement.WithSubUnits, announcement.CreatedBy));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), announcement.SendAt);
        Assert.Single(db.Audit.Where(a => a.Action == AnnouncementAccess.SendAction && a.Actor == "NV006" && a.Outcome == "allowed"));
    }

    [Fact]
    public async Task StatusCountsByStateAndUnitAndLinksTheDeliveryListAsAWorkbook()
    {
        await using var app = await BotApplication.StartAsync(settings: PublicAddress);
        await app.Chat("29:lan", Lan).SayAsync("menu"); // Lan has talked to the bot: she can be reached.
        var announcements = app.Services.GetRequiredService<AnnouncementService>();
        var sent = await announcements.CreateAsync(
            new AnnouncementDraft("Lịch trực Tết.", AnnouncementAudience.Parse("staff:NV001,NV002,NV009"), "NV006") { RequiresAck = true }, default);
        await app.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default);
        await app.Chat("29:lan", Lan).SayAsync("Đã đọc");

        var reply = (await app.Chat("29:han", Council).SayAsync("tình hình thông báo"))[^1].Text;

        Assert.Contains($"Số {sent.Id} (", reply, StringComparison.Ordinal);
        Assert.Contains("“Lịch trực Tết.”: 3 người — đã gửi 1 (đã đọc 1), đang chờ 0, lỗi 0, không liên lạc được 2.", reply, StringComparison.Ordinal);
        Assert.Contains("• Văn phòng HĐND và UBND: đã gửi 1/2, đã đọc 1, đang chờ 0, lỗi 0, không liên lạc được 1", reply, StringComparison.Ordinal);
        Assert.Contains("• Phòng Kinh tế: đã gửi 0/1, đã đọc 0, đang chờ 0, lỗi 0, không liên lạc được 1", reply, StringComparison.Ordinal);
        var link = new Uri(reply.Split(' ').Single(w => w.StartsWith("https://vanhoa.example.vn/bot/announcements/xlsx/", StringComparison.Ordinal)));

        var client = app.CreateClient();
        var path = link.AbsolutePath["/bot".Length..];
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync()))
        {
            var rows = workbook.Worksheet(1).RowsUsed().Skip(3).Select(r => (r.Cell(1).GetString(), r.Cell(4).GetString(), r.Cell(5).GetString(), r.Cell(6).GetString())).ToList();
            Assert.Equal(
            [
                ("NV001", "emulator", "Đã đọc", ""),
                ("NV002", "", "Không liên lạc được", "no linked chat account"),
                ("NV009", "", "Không liên lạc được", "no linked chat account"),
            ], rows);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path[..^3] + "xyz")).StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Single(db.Audit.Where(a => a.Action == AnnouncementAccess.WorkbookAction && a.Actor == "NV006" && a.Outcome == "allowed"));
    }
}
