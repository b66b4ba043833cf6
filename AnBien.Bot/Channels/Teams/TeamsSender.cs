using System.Net;
using System.Text.Json.Nodes;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// Proactive messages to a linked person in Teams (docs/protocols/botframework.md §4): to the stored 1:1 conversation when
/// its reference came from an authenticated activity, otherwise into a 1:1 conversation created for the person
/// (POST /v3/conversations with bot, member and tenant, §3). A refusal by Teams (403/404: the app is not installed for
/// the person, or was removed) is "not reachable", apart from failures.
/// </summary>
public sealed partial class TeamsSender(
    ConnectorClient connector,
    TeamsCardTracker cards,
    BotDbContextFactory databases,
    IOptions<BotFrameworkOptions> bot,
    IOptions<TeamsOptions> teams,
    TimeProvider clock,
    ILogger<TeamsSender> logger) : IChannelSender
{
    public const string ChannelId = "msteams";

    public string Channel => ChannelId;

    public async Task<DeliveryResult> SendAsync(ChannelAccount account, OutgoingMessage message, CancellationToken ct)
    {
        if (bot.Value.IsLocalMode) return DeliveryResult.Failed(Channel, "Teams credentials (MicrosoftAppId) are not configured");
        if (account.UnreachableSince is not null) return DeliveryResult.NotReachable(Channel, "the Teams app is not installed for this person");

        var reference = ConversationReference.Parse(account.ConversationReference);
        var verified = reference is { ServiceUrlVerified: true };

        // Only a serviceUrl that came with an authenticated activity receives the bot's token (spec A7560, §4).
        var serviceUrl = verified ? reference!.ServiceUrl : teams.Value.DefaultServiceUrl;
        var conversationId = verified ? reference!.ConversationId : null;
        var botAccount = new ChannelAccountRef { Id = reference?.BotId ?? $"28:{bot.Value.MicrosoftAppId}", Name = reference?.BotName };
        try
        {
            string? messageId;
            try
            {
                conversationId ??= await CreateConversationAsync(serviceUrl, account, reference, botAccount, ct);
                messageId = await SendToAsync(serviceUrl, conversationId, account, reference, botAccount, message, ct);
            }
            catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.NotFound && verified)
            {
                // The stored conversation is gone (e.g. after a reinstall): ask Teams for the person's 1:1 conversation again.
                conversationId = await CreateConversationAsync(serviceUrl, account, reference, botAccount, ct);
                messageId = await SendToAsync(serviceUrl, conversationId, account, reference, botAccount, message, ct);
            }

            return DeliveryResult.Sent(Channel, messageId);
        }
        catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            await MarkUnreachableAsync(account.Id, ct);
            LogNotReachable(logger, (int)ex.StatusCode!);
            return DeliveryResult.NotReachable(Channel, "the Teams app is not installed for this person (Teams answered " + (int)ex.StatusCode! + ")");
        }
        catch (HttpRequestException ex)
        {
            LogFailed(logger, (int?)ex.StatusCode ?? 0);
            return DeliveryResult.Failed(Channel, ex.StatusCode is { } status ? $"the Bot Connector answered {(int)status}" : "the Bot Connector could not be reached");
        }
    }

    private async Task<string> CreateConversationAsync(string serviceUrl, ChannelAccount account, ConversationReference? reference,
        ChannelAccountRef botAccount, CancellationToken ct)
    {
        // "You must supply the user ID and the tenant ID" (msteams-docs send-proactive-messages.md, §3); both tenant forms sent.
        var tenantId = reference?.TenantId ?? bot.Value.MicrosoftAppTenantId;
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = botAccount,
            Members = [new ChannelAccountRef { Id = account.ChannelUserId }],
            TenantId = tenantId,
            ChannelData = tenantId is null ? null : new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
        };
        var created = await connector.CreateConversationAsync(serviceUrl, ChannelId, parameters, ct);
        return created.Id;
    }

    private async Task<string?> SendToAsync(string serviceUrl, string conversationId, ChannelAccount account, ConversationReference? reference,
        ChannelAccountRef botAccount, OutgoingMessage message, CancellationToken ct)
    {
        var activity = AdaptiveCardRenderer.Apply(new Activity
        {
            Type = "message",
            ChannelId = ChannelId,
            From = botAccount,
            Conversation = new ConversationRef { Id = conversationId },
            TextFormat = "plain",
            Text = message.Text,
        }, message);
        var id = await connector.SendToConversationAsync(serviceUrl, conversationId, activity, ct);
        if (id is not null && activity.Attachments is [{ Content: { } card }])
        {
            await cards.RememberAsync(conversationId, account.ChannelUserId, reference?.TenantId, id, message, card, ct);
        }

        return id;
    }

    private async Task MarkUnreachableAsync(long accountId, CancellationToken ct)
    {
        await using var db = databases.Create();
        var now = clock.GetUtcNow();
        await db.ChannelAccounts.Where(a => a.Id == accountId && a.UnreachableSince == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UnreachableSince, now), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams proactive message not deliverable (status {Status}): app not installed for the person")]
    private static partial void LogNotReachable(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams proactive message failed (status {Status})")]
    private static partial void LogFailed(ILogger logger, int status);
}
