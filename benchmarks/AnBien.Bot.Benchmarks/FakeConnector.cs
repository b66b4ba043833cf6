namespace AnBien.Bot.Benchmarks;

/// <summary>The Bot Connector the bot replies to: counts replies and answers 200 {"id"} like the real one.</summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _received;

    private FakeConnector(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.First() + "/");

    public long Received => Interlocked.Read(ref _received);

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var connector = new FakeConnector(app);
        app.MapPost("/v3/conversations/{conversation}/activities/{replyTo}", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref connector._received);
            return Results.Text("{\"id\":\"r\"}", "application/json");
        });
        await app.StartAsync();
        return connector;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
