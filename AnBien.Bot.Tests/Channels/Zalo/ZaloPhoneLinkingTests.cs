using System.Text.Json.Nodes;
using AnBien.Bot.Tests.Support;
using AnBien.Bot.Tests.Channels.Teams;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Channels.Zalo;

public sealed class ZaloPhoneLinkingTests
{
    private const string Lan = "6142494823000000050";
    private const string Minh = "6142494823000000051";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SharedPhoneLinksOnlyAfterTheUnitHeadConfirms(string provider)
    {
        await using var zalo = await ZaloTestHost.StartAsync(provider: provider);
        await zalo.LinkAsync(Minh, "NV002");

        var shared = await zalo.SendAsync(SubmitInfo(Lan, "84900000001"));

        var toLan = Assert.Single(shared, r => r.UserId == Lan);
        Assert.Contains("Đã gửi yêu cầu liên kết tới thủ trưởng đơn vị", toLan.Text, StringComparison.Ordinal);
        var question = Assert.Single(shared, r => r.UserId == Minh);
        Assert.Contains("Nguyễn Thị Lan", question.Text, StringComparison.Ordinal);
        Assert.Contains("xin liên kết tài khoản Zalo", question.Text, StringComparison.Ordinal);
        Assert.Equal(["Xác nhận", "Từ chối"], question.Buttons);
        await using (var db = zalo.App.CreateDbContext())
        {
            Assert.False(await db.ChannelAccounts.AnyAsync(a => a.ChannelUserId == Lan));
        }

        var decided = await zalo.PressAsync(Minh, question, "Xác nhận");

        Assert.Contains("Đã xác nhận liên kết tài khoản Zalo của Nguyễn Thị Lan", Assert.Single(decided, r => r.UserId == Minh).Text, StringComparison.Ordinal);
        await zalo.WaitIdleAsync();
        // Confirmed, but Lan has not agreed to the privacy notice yet: she is asked to read it, and linked once she agrees.
        var told = Assert.Single(zalo.Api.Requests.Select(r => new ZaloReply(r)), r => r.UserId == Lan && r.Text.Contains("đã xác nhận tài khoản Zalo này là của Nguyễn Thị Lan", StringComparison.Ordinal));
        Assert.Equal(["Đồng ý điều khoản"], told.Buttons);
        await using (var db = zalo.App.CreateDbContext())
        {
            Assert.False(await db.ChannelAccounts.AnyAsync(a => a.ChannelUserId == Lan));
        }

        var notice = await zalo.PressAsync(Lan, told, "Đồng ý điều khoản");
        Assert.Contains(notice, r => r.Text.StartsWith("Thủ trưởng đơn vị đã xác nhận anh/chị là Nguyễn Thị Lan", StringComparison.Ordinal));
        var noticeCard = Assert.Single(notice, r => r.Text.StartsWith("Thông báo về dữ liệu cá nhân", StringComparison.Ordinal));
        Assert.Equal(["Tôi đồng ý", "Không đồng ý"], noticeCard.Buttons);
        var linked = await zalo.PressAsync(Lan, noticeCard, "Tôi đồng ý");
        Assert.Contains(linked, r => r.Text == "Liên kết thành công. Chào Nguyễn Thị Lan!");
        await using (var db = zalo.App.CreateDbContext())
        {
            var account = await db.ChannelAccounts.Include(a => a.Staff).SingleAsync(a => a.ChannelUserId == Lan);
            Assert.Equal(("NV001", "zalo-phone-confirmed"), (account.Staff!.Code, account.LinkedBy));
        }

        var menu = await zalo.SayAsync(Lan, "menu");
        Assert.Equal(["Tự đánh giá", "Kết quả của tôi", "Dữ liệu của tôi", "Trợ giúp"], menu[^1].Buttons);
    }

    [Fact]
    public async Task RefusedOrUnmatchedPhoneLinksNobody()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        await zalo.LinkAsync(Minh, "NV002");

        var unknown = await zalo.SendAsync(SubmitInfo("6142494823000000052", "84911111111"));
        Assert.Contains("không khớp với danh sách cán bộ", Assert.Single(unknown).Text, StringComparison.Ordinal);

        var shared = await zalo.SendAsync(SubmitInfo(Lan, "84900000001"));
        var refused = await zalo.SayAsync(Minh, "tu choi");

        Assert.Contains("Đã từ chối", Assert.Single(refused, r => r.UserId == Minh).Text, StringComparison.Ordinal);
        await zalo.WaitIdleAsync();
        Assert.Contains(zalo.Api.Requests.Select(r => new ZaloReply(r)), r => r.UserId == Lan && r.Text.Contains("chưa được xác nhận", StringComparison.Ordinal));
        await using var db = zalo.App.CreateDbContext();
        Assert.False(await db.ChannelAccounts.AnyAsync(a => a.ChannelUserId == Lan));
        Assert.False((await db.ZaloLinkRequests.SingleAsync()).Approved);
    }

    [Fact]
    public async Task WithoutAReachableUnitHeadThePersonIsSentToTheActivationCode()
    {
        await using var zalo = await ZaloTestHost.StartAsync();

        var shared = await zalo.SendAsync(SubmitInfo(Lan, "84900000001"));

        Assert.Contains("nhập mã kích hoạt", Assert.Single(shared).Text, StringComparison.Ordinal);
        await using var db = zalo.App.CreateDbContext();
        Assert.Empty(await db.ZaloLinkRequests.ToListAsync());
    }

    private static string SubmitInfo(string userId, string phone) => ZaloTestHost.Event("user_submit_info", userId, new JsonObject
    {
        ["info"] = new JsonObject { ["name"] = "Name Example", ["phone"] = phone, ["address"] = "", ["city"] = "", ["district"] = "", ["ward"] = "" },
    });

    [Fact]
    public async Task UnitHeadOnTeamsConfirmsWithTheCardButton()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var zalo = await ZaloTestHost.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        await zalo.App.AgreedEarlierAsync("NV001", "NV002"); // both agreed on another channel: the confirmation links Lan at once
        var minh = new TeamsChat(zalo.App, cloud, "29:minh-teams", "00000000-0000-4000-8000-000000000002");
        await minh.SayAsync("xin chào");
        var before = zalo.App.Connector.Requests.Count;

        await zalo.SendAsync(SubmitInfo(Lan, "84900000001"));

        var question = Assert.Single(minh.Posted(before));
        Assert.Contains("Nguyễn Thị Lan", question.Text, StringComparison.Ordinal);
        Assert.Equal(["Xác nhận", "Từ chối"], question.Buttons);
        var decided = await minh.ClickAsync(question, "Xác nhận");
        Assert.Contains(decided, r => r.Text.Contains("Đã xác nhận liên kết tài khoản Zalo của Nguyễn Thị Lan", StringComparison.Ordinal));

        // The message to the Zalo user waits in the inbox; the processor's next poll sends it.
        zalo.App.Clock.Advance(TimeSpan.FromSeconds(5));
        await zalo.WaitIdleAsync();
        Assert.Contains(zalo.Api.Requests.Select(r => new ZaloReply(r)), r => r.UserId == Lan && r.Text.Contains("Liên kết thành công", StringComparison.Ordinal));
        await using var db = zalo.App.CreateDbContext();
        Assert.Equal("NV001", (await db.ChannelAccounts.Include(a => a.Staff).SingleAsync(a => a.ChannelUserId == Lan)).Staff!.Code);
    }
}
