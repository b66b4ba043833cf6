using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AnBien.Bot.Benchmarks;

/// <summary>
/// The least a bot on this protocol does per turn, to measure the floor under AnBien.Bot's own cost on the same
/// machine with the same load (`--floor http` or `--floor sqlite`). It is not a bot: it reads the activity, optionally
/// commits what a durable bot must before replying (the processed mark, the conversation's state, the reply queued),
/// posts one reply to the connector, and with SQLite marks the reply sent. No identity, dialog, answer or tally.
/// Started by the benchmark as a process of its own (`AnBien.Bot.Benchmarks floor-bot &lt;http|sqlite&gt; &lt;url&gt; &lt;file&gt;`),
/// so its CPU is counted apart from the load's.
/// </summary>
public static class FloorBot
{
    private const string Schema = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS processed (channel TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (channel, id));
        CREATE TABLE IF NOT EXISTS conversations (channel TEXT NOT NULL, id TEXT NOT NULL, state TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (channel, id));
        CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, conversation TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL);
        """;

    public static async Task<int> RunAsync(string mode, string url, string file)
    {
        var durable = mode switch
        {
            "http" => false,
            "sqlite" => true,
            _ => throw new ArgumentException($"Unknown floor mode '{mode}' (http or sqlite)."),
        };
        var connection = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        if (durable)
        {
            await using var setup = new SqliteConnection(connection);
            await setup.OpenAsync();
            await using var create = setup.CreateCommand();
            create.CommandText = Schema;
            await create.ExecuteNonQueryAsync();
        }

        // SQLite has one writer: writes queue here in process, as the bot's write gate does.
        var writer = new SemaphoreSlim(1, 1);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.AddHttpClient("connector");
        var app = builder.Build();
        var connector = app.Services.GetRequiredService<IHttpClientFactory>();
        app.MapGet("/healthz", () => "ok");
        app.MapPost("/api/messages", async (HttpRequest request) =>
        {
            using var activity = await JsonDocument.ParseAsync(request.Body);
            var root = activity.RootElement;
            var id = root.GetProperty("id").GetString()!;
            var conversation = root.GetProperty("conversation").GetProperty("id").GetString()!;
            var serviceUrl = root.GetProperty("serviceUrl").GetString()!;
            var reply = JsonSerializer.Serialize(new
            {
                type = "message", text = "Câu 2. Luôn giữ đúng giờ làm việc?", replyToId = id,
                conversation = new { id = conversation }, from = new { id = "bot" },
            });
            long outboxId = 0;
            if (durable)
            {
                await writer.WaitAsync();
                try
                {
                    await using var db = new SqliteConnection(connection);
                    await db.OpenAsync();
                    await using var pragmas = db.CreateCommand();
                    pragmas.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;";
                    await pragmas.ExecuteNonQueryAsync();
                    await using var transaction = (SqliteTransaction)await db.BeginTransactionAsync();
                    await using var write = db.CreateCommand();
                    write.Transaction = transaction;
                    write.CommandText = """
                        INSERT INTO processed (channel, id, at) VALUES ('emulator', $id, $at);
                        INSERT INTO conversations (channel, id, state, version) VALUES ('emulator', $conversation, $state, 1)
                          ON CONFLICT (channel, id) DO UPDATE SET state = excluded.state, version = version + 1;
                        INSERT INTO outbox (conversation, payload, status) VALUES ($conversation, $payload, 'Queued') RETURNING id;
                        """;
                    write.Parameters.AddWithValue("$id", id);
                    write.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("O"));
                    write.Parameters.AddWithValue("$conversation", conversation);
                    write.Parameters.AddWithValue("$state", """{"Stack":[{"Name":"self-assessment","Step":"item","State":{"Item":2,"Misses":0}}]}""");
                    write.Parameters.AddWithValue("$payload", reply);
                    outboxId = (long)(await write.ExecuteScalarAsync())!;
                    await transaction.CommitAsync();
                }
                finally
                {
                    writer.Release();
                }
            }

            using var content = new StringContent(reply, Encoding.UTF8, "application/json");
            using var sent = await connector.CreateClient("connector").PostAsync(
                new Uri(new Uri(serviceUrl), $"v3/conversations/{Uri.EscapeDataString(conversation)}/activities/{Uri.EscapeDataString(id)}"), content);
            if (durable && sent.IsSuccessStatusCode)
            {
                await writer.WaitAsync();
                try
                {
                    await using var db = new SqliteConnection(connection);
                    await db.OpenAsync();
                    await using var mark = db.CreateCommand();
                    mark.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; UPDATE outbox SET status = 'Sent' WHERE id = $id;";
                    mark.Parameters.AddWithValue("$id", outboxId);
                    await mark.ExecuteNonQueryAsync();
                }
                finally
                {
                    writer.Release();
                }
            }

            return Results.Ok();
        });
        await app.RunAsync();
        return 0;
    }
}
