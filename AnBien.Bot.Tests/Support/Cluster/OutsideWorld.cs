using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AnBien.Bot.Tests.Support.Cluster;

/// <summary>
/// What the instances call on the internet, on one loopback port in the test process: Zalo's Open API (every call
/// succeeds) and a Bot Connector (for the local mode's replies). Each call is recorded with its path and JSON body.
/// </summary>
public sealed class OutsideWorld : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OutsideWorld(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.First() + "/");

    public ConcurrentQueue<(string Path, JsonNode? Body)> Calls { get; } = new();

    /// <summary>The messages sent to one Zalo user through the OA's customer-service API.</summary>
    public IReadOnlyList<JsonNode> ZaloMessagesTo(string userId) =>
        Calls.Where(c => c.Path == "/v3.0/oa/message/cs" && c.Body?["recipient"]?["user_id"]?.GetValue<string>() == userId)
            .Select(c => c.Body!).ToList();

    public static async Task<OutsideWorld> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var world = new OutsideWorld(app);
        app.Run(async context =>
        {
            JsonNode? body = null;
            if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
            {
                body = await JsonNode.ParseAsync(context.Request.Body);
            }

            world.Calls.Enqueue((context.Request.Path.Value ?? "", body));
            context.Response.ContentType = "application/json";
            var id = world.Calls.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.Response.WriteAsync(new JsonObject
            {
                ["error"] = 0, ["message"] = "Success", ["id"] = "r-" + id, ["data"] = new JsonObject { ["message_id"] = "m-" + id },
            }.ToJsonString());
        });
        await app.StartAsync();
        return world;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
