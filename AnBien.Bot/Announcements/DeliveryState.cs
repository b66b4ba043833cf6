namespace AnBien.Bot.Announcements;

public enum DeliveryState
{
    Queued = 0,
    Sent = 1,

    /// <summary>Gave up after the configured attempts; <see cref="AnnouncementDelivery.Reason"/> says why.</summary>
    Failed = 2,

    /// <summary>No channel can reach the person (no account, outside Zalo's window, Teams app removed); never dropped silently.</summary>
    Unreachable = 3,

    /// <summary>Sent, and the person pressed "Đã đọc".</summary>
    Acknowledged = 4,
}
