using System.Net;
using System.Text;
using AnBien.Bot.Tests.Channels.WebChat;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Http;

/// <summary>Bodies are bounded on every endpoint, announced or chunked, before anything reads or stores them.</summary>
public sealed class RequestBodyLimitTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChunkedDirectLinePostOverTheLimitGets413AndNothingIsStored(string provider)
    {
        await using var app = await BotApplication.StartAsync(provider);
        var http = app.CreateClient();
        var chat = await DirectLineClient.StartAsync(http);
        var json = $$"""{"type":"message","text":"{{new string('x', 200 * 1024)}}"}""";

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{chat.ConversationId}/activities")
        {
            Content = Chunked(json),
        };
        request.Headers.Authorization = new("Bearer", chat.Token);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await chat.ReadAsync());
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.WebChatActivities.CountAsync());
    }

    [Fact]
    public async Task ChunkedActivityOverTheLimitGets413OnApiMessages()
    {
        await using var app = await BotApplication.StartAsync();
        var huge = new string('x', 300 * 1024);

        using var response = await app.CreateClient().PostAsync("/api/messages", Chunked(
            $$"""{"type":"message","id":"big","channelId":"emulator","serviceUrl":"http://connector.test/","from":{"id":"u"},"conversation":{"id":"c"},"text":"{{huge}}"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(app.Connector.Requests);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.ProcessedActivities.CountAsync());
    }

    [Theory]
    [InlineData("/api/webchat/session")]
    [InlineData("/api/webchat/demo-signin")]
    [InlineData("/v3/directline/tokens/generate")]
    public async Task EndpointsWithoutALimitOfTheirOwnTakeTheDefault(string path)
    {
        await using var app = await BotApplication.StartAsync(settings: new() { ["Http:MaxRequestBodyBytes"] = "4096" });
        var http = app.CreateClient();

        using var small = await http.PostAsync(path, Chunked("{}"));
        using var large = await http.PostAsync(path, Chunked($$"""{"browserKey":"{{new string('k', 8 * 1024)}}"}"""));

        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    /// <summary>A body without a Content-Length, as a chunked upload arrives.</summary>
    private static StreamContent Chunked(string json)
    {
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
