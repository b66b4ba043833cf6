using System.Net;
using System.Text.Json.Nodes;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Channels.Zalo;

public sealed class ZaloWebhookTests
{
    [Fact]
    public async Task SignedTextIsAcceptedAndAnsweredWithAccessTokenHeaderAndExactBody()
    {
        await using var zalo = await ZaloTestHost.StartAsync();

        var replies = await zalo.SayAsync("6142494823000000001", "Xin chào");

        var reply = Assert.Single(zalo.Api.Requests, r => r.Uri.ToString() == ZaloTestHost.MessageUrl && r.Json!["message"]!["text"] is not null);
        Assert.Equal("POST", reply.Method);
        Assert.Equal("AT-1", reply.Headers["access_token"]);
        Assert.StartsWith("application/json", reply.Headers["Content-Type"], StringComparison.Ordinal);
        var expected = JsonNode.Parse("""
            {"recipient":{"user_id":"6142494823000000001"},
             "message":{"text":"Xin chào! Để dùng trợ lý Văn hóa công sở, anh/chị cần liên kết tài khoản một lần: hãy nhập mã kích hoạt 8 ký tự (ví dụ ABCD-EFGH) do quản trị viên hoặc thủ trưởng đơn vị cấp.",
                        "attachment":{"type":"template","payload":{"buttons":[{"title":"Trợ giúp","type":"oa.query.hide","payload":"#cmd:help"}]}}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, reply.Json), reply.Body);

        // Unlinked people are also offered to share their phone, once (request_user_info, docs/protocols/zalo.md §4).
        var offer = JsonNode.Parse("""
            {"recipient":{"user_id":"6142494823000000001"},
             "message":{"attachment":{"type":"template","payload":{"template_type":"request_user_info",
               "elements":[{"title":"Trợ lý Văn hóa công sở","subtitle":"Chia sẻ số điện thoại để liên kết tài khoản (thủ trưởng đơn vị sẽ xác nhận)."}]}}}}
            """);
        Assert.Equal(2, replies.Count);
        Assert.True(JsonNode.DeepEquals(offer, replies[1].Body), replies[1].Request.Body);

        var again = await zalo.SayAsync("6142494823000000001", "Xin chào");
        Assert.Single(again);
    }

    [Fact]
    public async Task WrongOrMissingSignatureIsRejectedAndNothingStored()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        var body = ZaloTestHost.TextEvent("6142494823000000001", "Xin chào");

        Assert.Equal(HttpStatusCode.Unauthorized, await zalo.PostAsync(body, "mac=" + new string('0', 64)));
        Assert.Equal(HttpStatusCode.Unauthorized, await zalo.PostAsync(body, ""));
        Assert.Equal(HttpStatusCode.Unauthorized, await zalo.PostAsync(body.Replace("6142494823000000001", "6142494823000000009", StringComparison.Ordinal), ZaloTestHost.Sign(body)));

        await using var db = zalo.App.CreateDbContext();
        Assert.Empty(await db.ZaloInbox.ToListAsync());
        Assert.Empty(zalo.Api.Requests);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DuplicateZaloDeliveryIsStoredOnceAndAnsweredOnce(string provider)
    {
        await using var zalo = await ZaloTestHost.StartAsync(provider: provider);
        const string user = "6142494823000000002";
        await zalo.LinkAsync(user, "NV001");
        var intro = (await zalo.SayAsync(user, "tự đánh giá"))[^1];
        var first = (await zalo.PressAsync(user, intro, "Bắt đầu"))[^1];

        var answer = ZaloTestHost.TextEvent(user, first.Payload("Thường xuyên"), msgId: "cb31dff1c39642cc1b83");
        var replies = await zalo.SendAsync(answer);
        var redelivered = await zalo.SendAsync(answer);

        Assert.StartsWith("Câu 2/34", replies[^1].Text, StringComparison.Ordinal);
        Assert.Empty(redelivered);
        await using var db = zalo.App.CreateDbContext();
        Assert.Equal(1, await db.ZaloInbox.CountAsync(e => e.DedupeKey == "msg:cb31dff1c39642cc1b83"));
        var answers = await db.Answers.ToListAsync();
        Assert.Equal("TX", Assert.Single(answers).ChoiceCode);
    }

    [Fact]
    public async Task FollowWelcomesAndExplainsHowToLink()
    {
        await using var zalo = await ZaloTestHost.StartAsync();

        var replies = await zalo.SendAsync(ZaloTestHost.Event("follow", "6142494823000000003"));

        Assert.Contains("nhập mã kích hoạt 8 ký tự", replies[0].Text, StringComparison.Ordinal);
        Assert.Equal("request_user_info", replies[1].TemplateType);
        await using var db = zalo.App.CreateDbContext();
        var user = await db.ZaloUsers.SingleAsync();
        Assert.Equal(zalo.App.Clock.GetUtcNow(), user.LastInteractionAt);
    }

    [Fact]
    public async Task UnfollowMarksTheLinkedPersonNotReachable()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        await zalo.LinkAsync("6142494823000000004", "NV001");

        var replies = await zalo.SendAsync(ZaloTestHost.Event("unfollow", "6142494823000000004"));

        Assert.Empty(replies);
        await using var db = zalo.App.CreateDbContext();
        Assert.NotNull((await db.ChannelAccounts.SingleAsync(a => a.Channel == "zalo")).UnreachableSince);
    }

    [Fact]
    public async Task ImagesAreAnsweredPolitelyAndStickersIgnored()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        await zalo.LinkAsync("6142494823000000005", "NV001");
        var attachment = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["msg_id"] = "img-1",
                ["attachments"] = new JsonArray(new JsonObject { ["type"] = "image", ["payload"] = new JsonObject { ["url"] = "https://photo.zalo.me/x.jpg" } }),
            },
        };

        var image = await zalo.SendAsync(ZaloTestHost.Event("user_send_image", "6142494823000000005", attachment));
        var sticker = await zalo.SendAsync(ZaloTestHost.Event("user_send_sticker", "6142494823000000005"));
        var seen = await zalo.SendAsync(ZaloTestHost.Event("user_seen_message", "6142494823000000005"));

        Assert.Contains("chỉ nhận tin nhắn văn bản", Assert.Single(image).Text, StringComparison.Ordinal);
        Assert.Empty(sticker);
        Assert.Empty(seen);
    }

    [Fact]
    public async Task RedeliveredEventWithoutMessageIdIsHandledOnce()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        var follow = ZaloTestHost.Event("follow", "6142494823000000006");

        var first = await zalo.SendAsync(follow);
        var again = await zalo.SendAsync(follow);

        Assert.NotEmpty(first);
        Assert.Empty(again);
        await using var db = zalo.App.CreateDbContext();
        Assert.StartsWith("evt:follow:6142494823000000006:", (await db.ZaloInbox.SingleAsync()).DedupeKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSecretEndingTheSignatureIsConfiguration()
    {
        await using var zalo = await ZaloTestHost.StartAsync(settings: new() { ["Zalo:SignatureSecret"] = "AppSecretKey" });
        var body = ZaloTestHost.TextEvent("6142494823000000007", "Xin chào");
        var timestamp = JsonNode.Parse(body)!["timestamp"]!.GetValue<string>();
        var withAppSecret = AnBien.Bot.Channels.Zalo.ZaloSignatureVerifier.Mac(
            ZaloTestHost.AppId, System.Text.Encoding.UTF8.GetBytes(body), timestamp, ZaloTestHost.AppSecret);

        Assert.Equal(HttpStatusCode.Unauthorized, await zalo.PostAsync(body, ZaloTestHost.Sign(body)));
        Assert.Equal(HttpStatusCode.OK, await zalo.PostAsync(body, withAppSecret));
    }

    [Fact]
    public async Task StartUpNamesTheMissingZaloSecret()
    {
        var settings = ZaloTestHost.Settings();
        settings["Zalo:OaSecretKey"] = null;

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await AnBien.Bot.Tests.Support.BotApplication.StartAsync(settings: settings)).DisposeAsync());

        Assert.Contains("Zalo__OaSecretKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookIsAcknowledgedWhileZaloIsStillSlowToTakeTheReply()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        using var release = new ManualResetEventSlim();
        zalo.Api.Enqueue(_ =>
        {
            release.Wait(TimeSpan.FromSeconds(10));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"error":0,"message":"Success"}""") };
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var status = await zalo.PostAsync(ZaloTestHost.TextEvent("6142494823000000008", "Xin chào"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"acknowledged after {clock.Elapsed}");
        Assert.False(release.IsSet);
        release.Set();
        await zalo.WaitIdleAsync();
        Assert.NotEmpty(zalo.Api.Requests);
    }
}
