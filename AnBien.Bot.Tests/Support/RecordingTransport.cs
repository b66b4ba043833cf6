using System.Collections.Concurrent;
using AnBien.Bot.Announcements;
using AnBien.Bot.Channels;
using AnBien.Bot.Conversations;

namespace AnBien.Bot.Tests.Support;

/// <summary>
/// A channel that accepts everything and remembers what it was asked to send, when (by the given clock), to whom.
/// It records and answers synchronously, so a stopped worker cannot come between the send and its record here.
/// </summary>
public sealed class RecordingTransport(Func<DateTimeOffset> now) : IAnnouncementTransport
{
    public ConcurrentQueue<(int StaffId, OutgoingMessage Message, DateTimeOffset At)> Sent { get; } = new();

    /// <summary>Called before each send; throw to simulate a failing channel.</summary>
    public Action<int>? BeforeSend { get; set; }

    /// <summary>Puts this transport in the place of the real one.</summary>
    public void Install(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.RemoveAll<IAnnouncementTransport>(services);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IAnnouncementTransport>(services, this);
    }

    public Task<DeliveryResult> SendAsync(int staffId, OutgoingMessage message, CancellationToken ct)
    {
        BeforeSend?.Invoke(staffId);
        Sent.Enqueue((staffId, message, now()));
        return Task.FromResult(DeliveryResult.Sent("fake"));
    }
}
