using System.Net;
using AnBien.Bot.Channels;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.Zalo;

public sealed class ZaloChannelSenderTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OutsideInteractionWindowErrorMarksThePersonNotReachable(string provider)
    {
        await using var zalo = await ZaloTestHost.StartAsync(provider: provider);
        await zalo.LinkAsync("6142494823000000020", "NV001", zalo.App.Clock.GetUtcNow().AddDays(-3));
        zalo.Api.Enqueue(HttpStatusCode.OK, """{"error":-230,"message":"User has not interacted with the OA in the past 7 days"}""");
        var staffId = await StaffIdAsync(zalo, "NV001");
        var proactive = zalo.App.Services.GetRequiredService<ProactiveSender>();

        var results = await proactive.SendToStaffAsync(staffId, new OutgoingMessage("Nhắc tự đánh giá"), CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal(("zalo", DeliveryStatus.NotReachable), (result.Channel, result.Status));
        Assert.Contains("not reachable on Zalo", result.Detail, StringComparison.Ordinal);
        await using (var db = zalo.App.CreateDbContext())
        {
            Assert.NotNull((await db.ChannelAccounts.SingleAsync(a => a.Channel == "zalo")).UnreachableSince);
        }

        var again = await proactive.SendToStaffAsync(staffId, new OutgoingMessage("Nhắc lần hai"), CancellationToken.None);
        Assert.Equal(DeliveryStatus.NotReachable, Assert.Single(again).Status);
        Assert.Single(zalo.Api.Requests);
    }

    [Fact]
    public async Task PeopleSilentForMoreThanSevenDaysAreReportedNotReachableWithoutACall()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        await zalo.LinkAsync("6142494823000000021", "NV001", zalo.App.Clock.GetUtcNow().AddDays(-8));

        var results = await zalo.App.Services.GetRequiredService<ProactiveSender>()
            .SendToStaffAsync(await StaffIdAsync(zalo, "NV001"), new OutgoingMessage("Nhắc tự đánh giá"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.NotReachable, Assert.Single(results).Status);
        Assert.Empty(zalo.Api.Requests);
    }

    [Fact]
    public async Task PaidWindowSendsOnlyWhenAllowed()
    {
        await using var zalo = await ZaloTestHost.StartAsync(settings: new() { ["Zalo:SendInPaidWindow"] = "false" });
        await zalo.LinkAsync("6142494823000000022", "NV001", zalo.App.Clock.GetUtcNow().AddHours(-50));

        var results = await zalo.App.Services.GetRequiredService<ProactiveSender>()
            .SendToStaffAsync(await StaffIdAsync(zalo, "NV001"), new OutgoingMessage("Nhắc"), CancellationToken.None);

        Assert.Contains("free 48 h window", Assert.Single(results).Detail, StringComparison.Ordinal);
        Assert.Empty(zalo.Api.Requests);
    }

    [Fact]
    public async Task RateLimitIsRetriedAfterBackOff()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        await zalo.LinkAsync("6142494823000000023", "NV001");
        zalo.Api.Enqueue(HttpStatusCode.OK, """{"error":-32,"message":"Reached the limit"}""");
        zalo.Api.Enqueue(HttpStatusCode.ServiceUnavailable, "");
        zalo.Api.Enqueue(HttpStatusCode.OK, """{"error":0,"message":"Success","data":{"message_id":"63ecf43f0df7dba892e6","user_id":"6142494823000000023"}}""");

        var results = await zalo.App.Services.GetRequiredService<ProactiveSender>()
            .SendToStaffAsync(await StaffIdAsync(zalo, "NV001"), new OutgoingMessage("Nhắc"), CancellationToken.None);

        Assert.Equal(DeliveryResult.Sent("zalo", "63ecf43f0df7dba892e6"), Assert.Single(results));
        Assert.Equal(3, zalo.Api.Requests.Count);
    }

    [Fact]
    public async Task ImagesAreUploadedThenSentAsMedia()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        await zalo.LinkAsync("6142494823000000024", "NV001");
        zalo.Api.Enqueue(HttpStatusCode.OK, """{"error":0,"message":"Success","data":{"attachment_id":"att-42"}}""");
        await using var db = zalo.App.CreateDbContext();
        var account = await db.ChannelAccounts.SingleAsync(a => a.Channel == "zalo");

        var result = await zalo.App.Services.GetRequiredService<ZaloChannelSender>()
            .SendImageAsync(account, [0x89, 0x50, 0x4E, 0x47], "chart.png", "Biểu đồ tháng 11", CancellationToken.None);

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        var calls = zalo.Api.Requests.ToList();
        Assert.Equal("https://openapi.zalo.me/v2.0/oa/upload/image", calls[0].Uri.ToString());
        Assert.StartsWith("multipart/form-data", calls[0].Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("name=file; filename=chart.png", calls[0].Body, StringComparison.Ordinal);
        Assert.Equal(
            """{"recipient":{"user_id":"6142494823000000024"},"message":{"attachment":{"type":"template","payload":{"template_type":"media","elements":[{"media_type":"image","attachment_id":"att-42"}]}},"text":"Biểu đồ tháng 11"}}""",
            System.Text.Json.Nodes.JsonNode.Parse(calls[1].Body!)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static async Task<int> StaffIdAsync(ZaloTestHost zalo, string code)
    {
        await using var db = zalo.App.CreateDbContext();
        return await db.Staff.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
    }
}
