using System.Net;
using AnBien.Bot.Announcements;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Channels.Zalo;

/// <summary>Announcements to people outside Zalo's 7-day window: the notification template (ZNS) when configured, else "not reachable" with the reason.</summary>
public sealed class ZaloTemplateFallbackTests
{
    private const string TemplateUrl = "https://business.openapi.zalo.me/message/template";

    [Fact]
    public async Task SilentPersonGetsTheConfiguredTemplateByPhone()
    {
        await using var zalo = await ZaloTestHost.StartAsync(settings: new()
        {
            ["Zalo:Zns:TemplateId"] = "7895417a7d3f9461cd2e", ["Zalo:Zns:TextParameter"] = "noi_dung",
        });
        await zalo.LinkAsync("6142494823000000021", "NV001", zalo.App.Clock.GetUtcNow().AddDays(-8));
        zalo.Api.Enqueue(HttpStatusCode.OK, """{"error":0,"message":"Success","data":{"msg_id":"a4d0","sent_time":"1626926349402"}}""");

        var announcement = await zalo.App.Services.GetRequiredService<AnnouncementService>()
            .CreateAsync(new AnnouncementDraft("Họp giao ban 8 giờ thứ Hai.", AnnouncementAudience.Parse("staff:NV001"), "NV006"), default);
        await using (var db = zalo.App.CreateDbContext())
        {
            Assert.Equal("zalo-zns", (await db.AnnouncementDeliveries.SingleAsync(d => d.AnnouncementId == announcement.Id)).Channel);
        }

        await zalo.App.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default);

        var call = Assert.Single(zalo.Api.Requests);
        Assert.Equal(TemplateUrl, call.Uri.ToString());
        Assert.Equal("AT-1", call.Headers["access_token"]);
        var body = call.Json!;
        Assert.Equal("84900000001", body["phone"]!.GetValue<string>());
        Assert.Equal("7895417a7d3f9461cd2e", body["template_id"]!.GetValue<string>());
        Assert.Equal("Thông báo: Họp giao ban 8 giờ thứ Hai.", body["template_data"]!["noi_dung"]!.GetValue<string>());
        Assert.StartsWith("outbox-", body["tracking_id"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var after = zalo.App.CreateDbContext();
        var delivery = await after.AnnouncementDeliveries.SingleAsync(d => d.AnnouncementId == announcement.Id);
        Assert.Equal((DeliveryState.Sent, "zalo-zns"), (delivery.State, delivery.Channel));
    }

    [Fact]
    public async Task WithoutATemplateTheSilentPersonIsListedNotReachableWithTheReason()
    {
        await using var zalo = await ZaloTestHost.StartAsync();
        await zalo.LinkAsync("6142494823000000021", "NV001", zalo.App.Clock.GetUtcNow().AddDays(-8));

        var announcement = await zalo.App.Services.GetRequiredService<AnnouncementService>()
            .CreateAsync(new AnnouncementDraft("Họp giao ban 8 giờ thứ Hai.", AnnouncementAudience.Parse("staff:NV001"), "NV006"), default);
        await zalo.App.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default);

        Assert.Empty(zalo.Api.Requests);
        await using var db = zalo.App.CreateDbContext();
        var delivery = await db.AnnouncementDeliveries.SingleAsync(d => d.AnnouncementId == announcement.Id);
        Assert.Equal(DeliveryState.Unreachable, delivery.State);
        Assert.Equal("zalo: outside the 7-day interaction window", delivery.Reason);
    }

    [Theory]
    [InlineData("0900000001", "84900000001")]
    [InlineData("+84 90 000 0001", "84900000001")]
    [InlineData("090.000.0001", "84900000001")]
    [InlineData("12345", null)]
    [InlineData(null, null)]
    public void PhoneNumbersAreWrittenTheWayZnsWantsThem(string? phone, string? expected) =>
        Assert.Equal(expected, AnBien.Bot.Channels.Zalo.ZaloTemplateFallback.InternationalPhone(phone));
}
