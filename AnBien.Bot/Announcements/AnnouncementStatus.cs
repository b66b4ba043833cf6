namespace AnBien.Bot.Announcements;

/// <summary>Counts by state; <see cref="Sent"/> counts every delivery the channel accepted, acknowledged ones included.</summary>
public sealed record AnnouncementStatus(int Queued, int Sent, int Failed, int Unreachable, int Acknowledged)
{
    public IEnumerable<(string State, int Count)> Lines() =>
        [("queued", Queued), ("sent", Sent), ("failed", Failed), ("unreachable", Unreachable), ("acknowledged", Acknowledged)];
}
