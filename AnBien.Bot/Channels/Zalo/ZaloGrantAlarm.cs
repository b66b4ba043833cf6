using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Channels.Zalo;

/// <summary>
/// A lost OA grant stops every Zalo reply until someone authorises again, so it is logged as critical and told to
/// every administrator on their other channels (docs/protocols/zalo.md §3.4: "treat any failure as fatal and alert a human").
/// </summary>
public sealed partial class ZaloGrantAlarm(IServiceProvider services, BotDbContextFactory databases, TextCatalog texts, ILogger<ZaloGrantAlarm> logger)
{
    public async Task RaiseAsync(string reason, CancellationToken ct)
    {
        LogGrantLost(logger, reason);
        try
        {
            // Resolved late: the proactive sender includes the Zalo sender, which depends on the token store that raises this.
            var sender = services.GetRequiredService<ProactiveSender>();
            await using var db = databases.Create();
            var admins = await db.Staff.AsNoTracking().Where(s => s.Active && (s.Roles & StaffRoles.Admin) != 0).ToListAsync(ct);
            foreach (var admin in admins)
            {
                await sender.SendToStaffAsync(admin.Id, new OutgoingMessage(texts.Get(admin.Language, "zalo.grantLost", ("reason", reason))), ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotifyFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Zalo OA grant lost ({Reason}): Zalo replies are stopped until an administrator runs `zalo authorize-url` and completes the authorisation")]
    private static partial void LogGrantLost(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell administrators about the lost Zalo grant ({Error})")]
    private static partial void LogNotifyFailed(ILogger logger, string error);
}
