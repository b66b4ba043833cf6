using System.Net.WebSockets;
using System.Text.Json;
using AnBien.Bot.Channels.BotFramework;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>
/// The Direct Line WebSocket stream (docs/protocols/botframework.md §8): the server sends ActivitySet frames
/// {activities, watermark}; an empty frame is a keep-alive, and what the client sends is ignored.
/// </summary>
public static class DirectLineStream
{
    private const int MaxActivitiesPerFrame = 100;

    // Wake-ups come from this process; the timer also finds what another instance stored, and keeps proxies from
    // closing an idle connection.
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    public static async Task<IResult> HandleAsync(HttpContext http, string conversationId, string? t, string? watermark,
        WebChatTokens tokens, WebChatStore store, WebChatSignals signals)
    {
        if (await tokens.ValidateAsync(t, WebChatToken.Stream) is not { } grant || grant.ConversationId != conversationId)
        {
            return Results.Json(new { error = new { code = "TokenExpired", message = "The stream URL is invalid or expired." } }, statusCode: StatusCodes.Status403Forbidden);
        }

        if (!http.WebSockets.IsWebSocketRequest) return Results.BadRequest(new { error = new { code = "BadArgument", message = "Open the stream URL as a WebSocket." } });

        // A person has a tab or two open; more streams on one conversation are a client gone wrong or an attack.
        using var subscription = signals.TrySubscribe(conversationId, tokens.Options.MaxStreamsPerConversation);
        if (subscription is null)
        {
            return Results.Json(new { error = new { code = "TooManyStreams", message = "This conversation has too many open streams." } }, statusCode: StatusCodes.Status429TooManyRequests);
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var reading = DrainAsync(socket, closed);
        var sent = DirectLineEndpoints.ParseWatermark(watermark) ?? 0;
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var (activities, last) = await store.ReadAsync(conversationId, sent, MaxActivitiesPerFrame, closed.Token);
                if (activities.Count > 0)
                {
                    sent = last;
                    await SendAsync(socket, new { activities, watermark = sent.ToString(System.Globalization.CultureInfo.InvariantCulture) }, closed.Token);
                    continue;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(closed.Token);
                wait.CancelAfter(Idle);
                string? ephemeral;
                try
                {
                    ephemeral = await subscription.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!closed.IsCancellationRequested)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, closed.Token);
                    continue;
                }

                if (ephemeral is not null)
                {
                    // The client keeps the watermark of every frame, so an ephemeral frame repeats the current one.
                    var activity = JsonSerializer.Deserialize<JsonElement>(ephemeral);
                    await SendAsync(socket, new { activities = new[] { activity }, watermark = sent.ToString(System.Globalization.CultureInfo.InvariantCulture) }, closed.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away; it reconnects with its watermark.
        }

        await reading;
        if (socket.State == WebSocketState.Open || socket.State == WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }

        return Results.Empty;
    }

    private static Task SendAsync(WebSocket socket, object frame, CancellationToken ct) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame, BotFrameworkJson.Options), WebSocketMessageType.Text, true, ct);

    /// <summary>Reads and discards the client's frames (DirectLineJS pings with ""), and notices when it closes.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closed or aborted.
        }
        finally
        {
            await closed.CancelAsync();
        }
    }
}
