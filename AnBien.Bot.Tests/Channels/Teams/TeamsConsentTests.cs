using System.Text.Json.Nodes;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Channels.Teams;

/// <summary>Installing the app in Teams recognises the person, but links them only after they agree to the privacy notice.</summary>
public sealed class TeamsConsentTests
{
    [Fact]
    public async Task InstallWelcomesARecognisedPersonWithTheNoticeAndLinksOnAgreement()
    {
        var cloud = new FakeBotFrameworkCloud();
        await using var app = await BotApplication.StartAsync(settings: cloud.Settings(), services: cloud.Register);
        var chat = new TeamsChat(app, cloud);
        var install = chat.Activity("conversationUpdate");
        install["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + FakeBotFrameworkCloud.AppId });

        var welcome = Assert.Single(await chat.DeliverAsync(install));

        Assert.StartsWith("Xin chào Nguyễn Thị Lan!", welcome.Text, StringComparison.Ordinal);
        Assert.Contains("thông báo về dữ liệu cá nhân", welcome.Text, StringComparison.Ordinal);
        Assert.Equal(["Đồng ý điều khoản"], welcome.Buttons);
        await using var db = app.CreateDbContext();
        Assert.False(await db.ChannelAccounts.AnyAsync());

        var notice = (await chat.ClickAsync(welcome, "Đồng ý điều khoản"))[^1];
        Assert.StartsWith("Thông báo về dữ liệu cá nhân", notice.Text, StringComparison.Ordinal);
        Assert.False(await db.ChannelAccounts.AnyAsync());
        var linked = await chat.ClickAsync(notice, "Tôi đồng ý");

        Assert.Contains(linked, r => r.Text == "Liên kết thành công. Chào Nguyễn Thị Lan!");
        var account = await db.ChannelAccounts.Include(a => a.Staff).SingleAsync();
        Assert.Equal(("NV001", "aad-object-id"), (account.Staff!.Code, account.LinkedBy));
    }
}
