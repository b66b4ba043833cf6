using AnBien.Bot.Channels;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Announcements;

/// <summary>Sends through <see cref="ProactiveSender"/>: the person's linked accounts, most recently used first.</summary>
public sealed class ProactiveAnnouncementTransport(ProactiveSender sender) : IAnnouncementTransport
{
    public async Task<DeliveryResult> SendAsync(int staffId, OutgoingMessage message, CancellationToken ct)
    {
        var attempts = await sender.SendToStaffAsync(staffId, message, ct);
        return attempts.FirstOrDefault(a => a.Status == DeliveryStatus.Sent)
            ?? attempts.FirstOrDefault(a => a.Status == DeliveryStatus.Failed)
            ?? attempts[^1];
    }
}
