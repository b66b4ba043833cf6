namespace AnBien.Bot.Channels;

public enum DeliveryStatus
{
    Sent,

    /// <summary>The channel cannot reach the person now (Teams app not installed, outside Zalo's window, unfollowed).</summary>
    NotReachable,

    Failed,
}
