using AnBien.Bot.Channels;
using AnBien.Bot.Dialogs;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Dialogs;

/// <summary>"Tổng hợp" in chat: who gets which figures, the audit rows, the chart attachment, and the "Nhắc" button.</summary>
public sealed class SummaryDialogTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task HeadGetsTheirOwnUnitWithChartAndIsAudited(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider, new() { ["Bot:PublicBaseUrl"] = "https://vanhoa.example.vn/" });
        await SubmitAsync(app.Chat(), "Đôi khi");

        var reply = (await ChatAs(app, "NV002").SayAsync("tổng hợp"))[^1];

        Assert.Contains("Tổng hợp Văn phòng HĐND và UBND – tháng 11/2026", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Đã nộp 1/5.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Điểm trung bình: 50%.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Bảng tính chi tiết (hiệu lực 24 giờ): https://vanhoa.example.vn/summaries/xlsx/", reply.Text, StringComparison.Ordinal);
        Assert.Equal(4, reply.Buttons.Count(b => b.StartsWith("Nhắc ", StringComparison.Ordinal)));
        Assert.DoesNotContain("Nhắc Nguyễn Thị Lan", reply.Buttons);

        var image = Assert.Single(reply.Activity["attachments"]!.AsArray());
        Assert.Equal("image/png", image!["contentType"]!.GetValue<string>());
        var png = Convert.FromBase64String(image["contentUrl"]!.GetValue<string>()["data:image/png;base64,".Length..]);
        Assert.Equal(SummaryChart.Width, ReadPngWidth(png));

        await using var db = app.CreateDbContext();
        var row = await db.Audit.SingleAsync(a => a.Actor == "NV002");
        Assert.Equal((SummaryAudit.View, "VP+ 2026-11", SummaryAudit.Allowed), (row.Action, row.Scope, row.Outcome));
    }

    [Fact]
    public async Task HeadAskingForAnotherUnitGetsNoFiguresAndADeniedAuditRow()
    {
        await using var app = await BotApplication.StartAsync();
        await app.Chat().SayAsync("tự đánh giá");

        var replies = await ChatAs(app, "NV002").SayAsync("tong hop don vi KT");

        Assert.StartsWith("Xin lỗi, anh/chị không có quyền xem tổng hợp của đơn vị này.", replies[^1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(replies, r => r.Text.Contains("Đã nộp", StringComparison.Ordinal) || r.Activity["attachments"] is not null);
        await using var db = app.CreateDbContext();
        var row = await db.Audit.SingleAsync();
        Assert.Equal(("NV002", "KT+ 2026-11", SummaryAudit.Denied), (row.Actor, row.Scope, row.Outcome));
    }

    [Fact]
    public async Task CouncilPicksAnyUnitOrNamesIt()
    {
        await using var app = await BotApplication.StartAsync();
        await SubmitAsync(app.Chat(), "Thường xuyên");
        var council = ChatAs(app, "NV006");

        var question = (await council.SayAsync("tổng hợp"))[^1];
        Assert.Equal("Toàn cơ quan", question.Buttons[0]);
        var kt = (await council.SayAsync("Phòng Kinh tế"))[^1];
        Assert.Contains("Tổng hợp Phòng Kinh tế – tháng 11/2026", kt.Text, StringComparison.Ordinal);
        Assert.Contains("Đã nộp 0/5.", kt.Text, StringComparison.Ordinal);

        var whole = (await council.SayAsync("tổng hợp tháng 11 đơn vị XA"))[^1];
        Assert.Contains("Tổng hợp UBND xã Tân Hòa (minh họa) – tháng 11/2026", whole.Text, StringComparison.Ordinal);
        Assert.Contains("Đã nộp 1/24.", whole.Text, StringComparison.Ordinal);
        Assert.Contains("Điểm trung bình: 100%.", whole.Text, StringComparison.Ordinal);

        await using var db = app.CreateDbContext();
        Assert.Equal(["KT+ 2026-11", "XA+ 2026-11"], await db.Audit.Where(a => a.Actor == "NV006" && a.Outcome == SummaryAudit.Allowed).OrderBy(a => a.Id).Select(a => a.Scope).ToListAsync());
    }

    [Fact]
    public async Task StaffAreRefusedWithoutFiguresAndSeeNoMenuEntry()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await SubmitAsync(chat, "Thường xuyên");

        var replies = await chat.SayAsync("Tổng hợp tháng 11");

        Assert.Contains(replies, r => r.Text.StartsWith("Xin lỗi, phần tổng hợp chỉ dành cho thủ trưởng đơn vị và Hội đồng.", StringComparison.Ordinal));
        Assert.DoesNotContain(replies, r => r.Text.Contains("Đã nộp", StringComparison.Ordinal));
        Assert.DoesNotContain("Tổng hợp", (await chat.SayAsync("menu"))[^1].Buttons);
        await using var db = app.CreateDbContext();
        Assert.Equal(SummaryAudit.Denied, (await db.Audit.SingleAsync(a => a.Actor == "NV001")).Outcome);
    }

    [Fact]
    public async Task RemindSendsOneReminderADayToThatPerson()
    {
        var outbox = new RecordingSender();
        await using var app = await BotApplication.StartAsync(services: s => s.AddSingleton<IChannelSender>(outbox));
        await app.Chat().SayAsync("tự đánh giá");
        await ChatAs(app, "NV008").SayAsync("menu");
        var head = ChatAs(app, "NV002");
        Assert.Contains("Nhắc Bùi Thị Mai", (await head.SayAsync("tổng hợp"))[^1].Buttons);

        Assert.Contains("Đã gửi lời nhắc tới Bùi Thị Mai.", (await head.SayAsync("Nhắc Bùi Thị Mai"))[^1].Text, StringComparison.Ordinal);
        var (account, message) = Assert.Single(outbox.Sent);
        Assert.Equal("29:nv008", account);
        Assert.Contains("anh/chị chưa nộp bản tự đánh giá tháng 11/2026, hạn chót hết ngày 05/12/2026", message, StringComparison.Ordinal);

        Assert.Contains("đã được nhắc rồi", (await head.SayAsync("nhac:NV008"))[^1].Text, StringComparison.Ordinal);
        Assert.Single(outbox.Sent);

        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Contains("Đã gửi lời nhắc", (await head.SayAsync("Nhắc Bùi Thị Mai"))[^1].Text, StringComparison.Ordinal);
        Assert.Equal(2, outbox.Sent.Count);
    }

    [Fact]
    public async Task HeadCannotRemindSomeoneOutsideTheirUnit()
    {
        var outbox = new RecordingSender();
        await using var app = await BotApplication.StartAsync(services: s => s.AddSingleton<IChannelSender>(outbox));
        await app.Chat().SayAsync("tự đánh giá");
        await ChatAs(app, "NV010").SayAsync("menu");

        var reply = (await ChatAs(app, "NV002").SayAsync("nhac:NV010"))[^1];

        Assert.StartsWith("Xin lỗi, anh/chị không có quyền", reply.Text, StringComparison.Ordinal);
        Assert.Empty(outbox.Sent);
    }

    [Theory]
    [InlineData("tổng hợp", null, null)]
    [InlineData("tong hop thang 10", "2026-10", null)]
    [InlineData("Tổng hợp tháng 12", "2025-12", null)]
    [InlineData("tổng hợp tháng 10/2025", "2025-10", null)]
    [InlineData("tổng hợp quý 3", "2026-Q3", null)]
    [InlineData("TONG HOP QUY 4", "2026-Q4", null)]
    [InlineData("tổng hợp quý 1 năm 2025", "2025-Q1", null)]
    [InlineData("tổng hợp tháng 11 đơn vị Phòng Kinh tế", "2026-11", "phong kinh te")]
    public void PeriodAndUnitAreReadFromTheWords(string words, string? period, string? unit)
    {
        var (p, u) = SummaryWords.Read(words, new DateOnly(2026, 11, 28));
        Assert.Equal(period, p?.Label);
        Assert.Equal(unit, u);
    }

    private static ChatClient ChatAs(BotApplication app, string code)
    {
        using var db = app.CreateDbContext();
        var aad = db.Staff.AsNoTracking().Single(s => s.Code == code).TeamsObjectId;
        return app.Chat(userId: "29:" + code.ToLowerInvariant(), aadObjectId: aad);
    }

    private static async Task SubmitAsync(ChatClient chat, string answer)
    {
        await chat.SayAsync("tự đánh giá");
        var first = (await chat.SayAsync("Bắt đầu"))[^1];
        await AssessmentWalk.AnswerAllAsync(chat, first, _ => answer);
        await chat.SayAsync("Gửi");
    }

    private static int ReadPngWidth(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
    }

    /// <summary>Stands in for the Emulator's channel, which has no proactive sender of its own.</summary>
    private sealed class RecordingSender : IChannelSender
    {
        public List<(string Account, string Text)> Sent { get; } = [];

        public string Channel => "emulator";

        public Task<DeliveryResult> SendAsync(ChannelAccount account, AnBien.Bot.Conversations.OutgoingMessage message, CancellationToken ct)
        {
            lock (Sent) Sent.Add((account.ChannelUserId, message.Text));
            return Task.FromResult(DeliveryResult.Sent(Channel));
        }
    }
}
