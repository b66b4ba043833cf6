using System.Text.Json;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// Remembers the last question card of each Teams conversation and, on the next turn, replaces it with its settled
/// form: the buttons removed and the answer shown (docs/protocols/botframework.md §5, "Update a posted card from a Submit").
/// A click on an older card therefore finds no buttons to press twice, and the engine's prompt ids make sure a click that
/// still arrives is never recorded against the wrong item.
/// </summary>
public sealed partial class TeamsCardTracker(BotDbContextFactory databases, ConnectorClient connector, TimeProvider clock, ILogger<TeamsCardTracker> logger)
{
    /// <summary>
    /// Settles the conversation's last card after a turn. The settled card is returned; it is also sent with
    /// PUT …/activities/{id} unless it is the card an Action.Execute invoke came from (the invoke response replaces that one).
    /// </summary>
    public async Task<SettledCard?> SettleAsync(Activity inbound, IncomingMessage message, string? answeredByInvokeOn, CancellationToken ct)
    {
        await using var db = databases.Create();
        var row = await db.TeamsConversations.SingleOrDefaultAsync(c => c.ConversationId == message.ConversationId, ct);
        if (row is not { LastCardActivityId: { } cardId, LastCardJson: { } json }) return null;
        var choices = JsonSerializer.Deserialize<List<Choice>>(row.LastCardChoicesJson ?? "[]") ?? [];
        var aboutThisCard = message.PromptId is null || message.PromptId == row.LastCardPromptId;
        var answer = aboutThisCard ? ChoiceMatcher.Match(message.ChoiceValue ?? message.Text, choices)?.Label : null;
        var settled = AdaptiveCardRenderer.Settled(JsonNode.Parse(json)!.AsObject(), answer);
        row.LastCardActivityId = row.LastCardPromptId = row.LastCardJson = row.LastCardChoicesJson = null;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);

        if (cardId != answeredByInvokeOn)
        {
            var update = new Activity
            {
                Type = "message",
                Id = cardId,
                Conversation = new ConversationRef { Id = message.ConversationId },
                Attachments = [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = settled }],
            };
            try
            {
                await connector.UpdateActivityAsync(inbound.ServiceUrl!, message.ConversationId, cardId, update, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // Cosmetic: the old card keeps its buttons, and a click on them is still caught as stale by its prompt id.
                // Cancelled too when the Connector hangs past the caller's bound: the turn's replies matter more.
                LogUpdateFailed(logger, (int?)(ex as HttpRequestException)?.StatusCode ?? 0);
            }
        }

        return new SettledCard(cardId, settled);
    }

    /// <summary>Stores the card just sent (its id comes from the Connector's ResourceResponse) as the conversation's last card.</summary>
    public async Task RememberAsync(string conversationId, string userId, string? tenantId, string activityId, OutgoingMessage message, JsonNode card,
        CancellationToken ct)
    {
        await using var db = databases.Create();
        var row = await db.TeamsConversations.SingleOrDefaultAsync(c => c.ConversationId == conversationId, ct);
        if (row is null)
        {
            row = new TeamsConversation { ConversationId = conversationId, UserId = userId, TenantId = tenantId };
            db.TeamsConversations.Add(row);
        }

        row.LastCardActivityId = activityId;
        row.LastCardPromptId = message.PromptId;
        row.LastCardJson = card.ToJsonString();
        row.LastCardChoicesJson = JsonSerializer.Serialize(message.Choices);
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating a settled Teams card failed with status {Status}")]
    private static partial void LogUpdateFailed(ILogger logger, int status);
}
