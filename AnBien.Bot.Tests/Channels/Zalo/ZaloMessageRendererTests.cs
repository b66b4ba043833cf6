using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Conversations;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Tests.Channels.Zalo;

public sealed class ZaloMessageRendererTests
{
    private static readonly ZaloMessageRenderer Renderer = new(Options.Create(new ZaloOptions()));

    [Fact]
    public void LongTextIsSplitAtSentencesWithinTheLimit()
    {
        var sentence = "Anh/chị luôn lắng nghe ý kiến của người dân và đồng nghiệp. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 60)).Trim();

        var bodies = Renderer.Render("u1", new OutgoingMessage(text) { Choices = [new Choice("ok", "Đồng ý")] });

        var parts = bodies.Select(b => b["message"]!["text"]!.GetValue<string>()).ToList();
        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= 2000 && p.EndsWith("đồng nghiệp.", StringComparison.Ordinal), p[^20..]));
        Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), string.Concat(parts).Replace(" ", "", StringComparison.Ordinal));
        Assert.Null(bodies[0]["message"]!["attachment"]);
        Assert.NotNull(bodies[^1]["message"]!["attachment"]);
    }

    [Fact]
    public void ChoicesBeyondTheButtonLimitBecomeNumberedText()
    {
        var choices = Enumerable.Range(1, 7).Select(i => new Choice($"v{i}", $"Lựa chọn {i}", i)).ToList();

        var body = Assert.Single(Renderer.Render("u1", new OutgoingMessage("Chọn một:") { Choices = choices }));

        Assert.Null(body["message"]!["attachment"]);
        Assert.Equal("Chọn một:\n1. Lựa chọn 1\n2. Lựa chọn 2\n3. Lựa chọn 3\n4. Lựa chọn 4\n5. Lựa chọn 5\n6. Lựa chọn 6\n7. Lựa chọn 7",
            body["message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ButtonPayloadCarriesValueAndQuestionAndComesBackIntact()
    {
        var payload = ZaloPayload.Encode("TX", "a12:item:CN-A-1:3");

        Assert.Equal("#TX|a12:item:CN-A-1:3", payload);
        Assert.Equal(("TX", "a12:item:CN-A-1:3"), ZaloPayload.Decode(payload));
        Assert.Equal(("cmd:menu", (string?)null), ZaloPayload.Decode("#cmd:menu"));
        Assert.Null(ZaloPayload.Decode("thuong xuyen"));
    }
}
