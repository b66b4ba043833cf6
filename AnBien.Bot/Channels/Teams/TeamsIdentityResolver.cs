using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.Teams;

/// <summary>
/// The identity of a Teams user behind an authenticated activity: the Entra object id it carries, and for people not
/// linked yet the e-mail or UPN read from the conversation member API (docs/protocols/botframework.md §0 table), so the
/// directory can match them without an activation code.
/// </summary>
public sealed partial class TeamsIdentityResolver(BotDbContextFactory databases, ConnectorClient connector, ILogger<TeamsIdentityResolver> logger)
{
    public async Task<VerifiedIdentity?> ResolveAsync(Activity activity, CancellationToken ct)
    {
        var claimed = ActivityMapper.ClaimedIdentity(activity);
        if (ConversationReference.IsGroup(activity)) return claimed;
        var userId = activity.From!.Id!;
        await using var db = databases.Create();

        // Linked people are known already: no member lookup (a Connector request) on every message.
        if (await db.ChannelAccounts.AnyAsync(a => a.Channel == activity.ChannelId && a.ChannelUserId == userId, ct)) return claimed;

        ConversationMember? member;
        try
        {
            member = await connector.GetConversationMemberAsync(activity.ServiceUrl!, activity.Conversation!.Id!, userId, ct);
        }
        catch (HttpRequestException ex)
        {
            LogLookupFailed(logger, (int?)ex.StatusCode ?? 0);
            return claimed;
        }

        if (member is null) return claimed;
        var addresses = new[] { member.Email, member.UserPrincipalName }
            .Where(a => !string.IsNullOrWhiteSpace(a))
            .Select(a => a!.Trim().ToLowerInvariant())
            .Distinct()
            .ToList();
        string? email = null;
        foreach (var address in addresses)
        {
            if (await db.Staff.AnyAsync(s => s.Active && s.Email == address, ct))
            {
                email = address;
                break;
            }
        }

        var aad = member.AadObjectId ?? claimed?.AadObjectId;
        return aad is null && email is null ? null : new VerifiedIdentity(aad, email ?? addresses.FirstOrDefault());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams member lookup failed with status {Status}; linking falls back to the object id")]
    private static partial void LogLookupFailed(ILogger logger, int status);
}
