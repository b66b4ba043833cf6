using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Channels.Teams;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Tests.Channels;

/// <summary>A reply's picture (the summary chart) as each channel carries it.</summary>
public sealed class MessageImageRenderingTests
{
    private static readonly OutgoingMessage WithChart = new("Tổng hợp Văn phòng – tháng 11/2026\nĐã nộp 1/5.")
    {
        Image = new MessageImage([0x89, 0x50, 0x4E, 0x47], "Biểu đồ", new Uri("https://vanhoa.example.vn/summaries/png/abc")),
    };

    [Fact]
    public void TeamsShowsTheChartInsideTheCard()
    {
        var reply = AdaptiveCardRenderer.Apply(ActivityMapper.ToActivity(WithChart, new Activity()), WithChart);

        var card = Assert.Single(reply.Attachments!);
        Assert.Equal(AdaptiveCardRenderer.ContentType, card.ContentType);
        var image = card.Content!["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Image")!;
        Assert.Equal("data:image/png;base64,iVBORw==", image["url"]!.GetValue<string>());
    }

    [Fact]
    public void OtherBotFrameworkClientsGetAnImagePngAttachment()
    {
        var reply = ActivityMapper.ToActivity(WithChart, new Activity());

        var attachment = Assert.Single(reply.Attachments!);
        Assert.Equal(("image/png", "data:image/png;base64,iVBORw=="), (attachment.ContentType, attachment.ContentUrl));
        Assert.Equal(WithChart.Text, reply.Text);
    }

    [Fact]
    public void ZaloSendsAnImageMessageByAddressBeforeTheText()
    {
        var bodies = new ZaloMessageRenderer(Options.Create(new ZaloOptions())).Render("u1", WithChart);

        Assert.Equal(2, bodies.Count);
        var element = bodies[0]["message"]!["attachment"]!["payload"]!["elements"]![0]!;
        Assert.Equal(("image", "https://vanhoa.example.vn/summaries/png/abc"), (element["media_type"]!.GetValue<string>(), element["url"]!.GetValue<string>()));
        Assert.Equal(WithChart.Text, bodies[1]["message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ZaloWithoutAPublicAddressSendsTheTextAlone()
    {
        var bodies = new ZaloMessageRenderer(Options.Create(new ZaloOptions())).Render("u1", WithChart with { Image = WithChart.Image! with { Link = null } });

        Assert.Null(Assert.Single(bodies)["message"]!["attachment"]);
    }

    [Fact]
    public void APictureKnownOnlyByItsAddressIsShownFromThatAddressOnEveryChannel()
    {
        var message = new OutgoingMessage("Hưởng ứng ngày môi trường.") { Image = MessageImage.At(new Uri("https://tanhoa.example.vn/anh/moi-truong.jpg"), "Ảnh kèm thông báo") };

        var card = Assert.Single(AdaptiveCardRenderer.Apply(ActivityMapper.ToActivity(message, new Activity()), message).Attachments!);
        var image = card.Content!["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Image")!;
        Assert.Equal("https://tanhoa.example.vn/anh/moi-truong.jpg", image["url"]!.GetValue<string>());
        var attachment = Assert.Single(ActivityMapper.ToActivity(message, new Activity()).Attachments!);
        Assert.Equal(("image/jpeg", "https://tanhoa.example.vn/anh/moi-truong.jpg"), (attachment.ContentType, attachment.ContentUrl));
        var bodies = new ZaloMessageRenderer(Options.Create(new ZaloOptions())).Render("u1", message);
        Assert.Equal("https://tanhoa.example.vn/anh/moi-truong.jpg", bodies[0]["message"]!["attachment"]!["payload"]!["elements"]![0]!["url"]!.GetValue<string>());
    }
}
