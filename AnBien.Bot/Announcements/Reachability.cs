namespace AnBien.Bot.Announcements;

/// <summary>Whether a recipient can be messaged now, and if not, the kind of reason (the preview counts them by kind).</summary>
public enum Reachability
{
    Reachable,
    NoAccount,

    /// <summary>The channel said so (the Teams app was removed, the person blocked the Zalo OA).</summary>
    ChannelReported,

    /// <summary>Zalo lets an OA message a person only within days of their last message (docs/protocols/zalo.md).</summary>
    OutsideZaloWindow,
}
