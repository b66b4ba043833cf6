namespace AnBien.Bot.Benchmarks;

/// <summary>
/// The Bot Connector the bot replies to: counts replies and answers 200 {"id"} like the real one. It also counts the
/// replies that start like the given text (the privacy notice), so a run that only measured the notice turn is caught.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _received;
    private long _notices;

    private FakeConnector(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.First() + "/");

    public long Received => Interlocked.Read(ref _received);

    public long Notices => Interlocked.Read(ref _notices);

    public static async Task<FakeConnector> StartAsync(string noticeStart)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.MapPost("/v3/conversations/{conversation}/activities/{replyTo}", async (HttpRequest request) =>
        {
            using var reply = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
            Interlocked.Increment(ref connector._received);
            if (reply.RootElement.TryGetProperty("text", out var text) && text.GetString()?.StartsWith(noticeStart, StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref connector._notices);
            }

            return Results.Text("{\"id\":\"r\"}", "application/json");
        });
        await app.StartAsync();
        return connector;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
