using System.Globalization;
using System.Text.Json;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.WebChat;

/// <summary>The web chat's conversations and their activity logs, numbered so the number is the Direct Line watermark.</summary>
public sealed class WebChatStore(BotDbContextFactory databases, WebChatSignals signals, TimeProvider clock)
{
    private const int MaxAttempts = 4;

    // A page of the activity log stops at this much JSON (always at least one activity), whatever the count asked for.
    private const int MaxPageJsonLength = 256 * 1024;

    /// <summary>Service-assigned ids look like "{conversationId}|0000001", as the Direct Line service's do (docs/protocols/botframework.md §8).</summary>
    public static string ActivityId(string conversationId, long sequence) =>
        $"{conversationId}|{sequence.ToString("D7", CultureInfo.InvariantCulture)}";

    public async Task<WebChatConversation?> FindConversationAsync(string conversationId, CancellationToken ct)
    {
        await using var db = databases.Create();
        return await db.WebChatConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, ct);
    }

    /// <summary>Records the conversation's owner; false when it was already known.</summary>
    public async Task<bool> StartConversationAsync(string conversationId, string userId, CancellationToken ct)
    {
        await using var db = databases.Create();
        if (await db.WebChatConversations.AnyAsync(c => c.Id == conversationId, ct)) return false;
        db.WebChatConversations.Add(new WebChatConversation { Id = conversationId, UserId = userId, StartedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Started at the same moment by a second request with the same token.
            return false;
        }
    }

    public async Task<string?> FindByClientIdAsync(string conversationId, string clientActivityId, CancellationToken ct)
    {
        await using var db = databases.Create();
        var sequence = await db.WebChatActivities.AsNoTracking()
            .Where(a => a.ConversationId == conversationId && a.ClientActivityId == clientActivityId)
            .Select(a => (long?)a.Sequence)
            .SingleOrDefaultAsync(ct);
        return sequence is { } s ? ActivityId(conversationId, s) : null;
    }

    /// <summary>
    /// Appends the user's echoed activity (when given) and the bot's replies in one transaction, giving each its id,
    /// the time, and the replies a replyToId pointing at the echo. Returns the echo's id (or null).
    /// </summary>
    public async Task<string?> AppendAsync(string conversationId, Activity? echo, string? clientActivityId, IReadOnlyList<Activity> replies, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = databases.Create();
            var last = await db.WebChatActivities.Where(a => a.ConversationId == conversationId).MaxAsync(a => (long?)a.Sequence, ct) ?? 0;
            var now = clock.GetUtcNow();
            var timestamp = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            string? echoId = null;
            if (echo is not null)
            {
                echoId = ActivityId(conversationId, ++last);
                echo.Id = echoId;
                echo.Timestamp = timestamp;
                db.WebChatActivities.Add(Row(conversationId, last, clientActivityId, echo, now));
            }

            foreach (var reply in replies)
            {
                reply.Id = ActivityId(conversationId, ++last);
                reply.Timestamp = timestamp;
                reply.ReplyToId = echoId;
                db.WebChatActivities.Add(Row(conversationId, last, null, reply, now));
            }

            try
            {
                await db.SaveChangesAsync(ct);
                signals.Stored(conversationId);
                return echoId;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another instance appended to this conversation at the same moment: number again from the new end.
                if (clientActivityId is not null && await FindByClientIdAsync(conversationId, clientActivityId, ct) is { } existing) return existing;
            }
        }
    }

    /// <summary>The activities after <paramref name="watermark"/>, oldest first, and the new watermark.</summary>
    public async Task<(IReadOnlyList<JsonElement> Activities, long Watermark)> ReadAsync(string conversationId, long watermark, int max, CancellationToken ct)
    {
        await using var db = databases.Create();
        var rows = await db.WebChatActivities.AsNoTracking()
            .Where(a => a.ConversationId == conversationId && a.Sequence > watermark)
            .OrderBy(a => a.Sequence)
            .Take(max)
            .Select(a => new { a.Sequence, a.Json })
            .ToListAsync(ct);
        var activities = new List<JsonElement>(rows.Count);
        var (length, last) = (0, watermark);
        foreach (var row in rows)
        {
            length += row.Json.Length;
            if (activities.Count > 0 && length > MaxPageJsonLength) break;
            activities.Add(JsonSerializer.Deserialize<JsonElement>(row.Json));
            last = row.Sequence;
        }

        return (activities, last);
    }

    private static WebChatActivity Row(string conversationId, long sequence, string? clientActivityId, Activity activity, DateTimeOffset now) => new()
    {
        ConversationId = conversationId,
        Sequence = sequence,
        ClientActivityId = clientActivityId,
        Json = JsonSerializer.Serialize(activity, BotFrameworkJson.Options),
        CreatedAt = now,
    };
}
