namespace AnBien.Bot.Announcements;

/// <summary>The recipients of a draft counted the way the sender needs them: per channel, and the unreachable per reason.</summary>
public sealed record AnnouncementPreview(IReadOnlyList<(string Channel, int Count)> ByChannel, IReadOnlyList<(Reachability Reason, int Count)> Unreachable)
{
    public int Reachable => ByChannel.Sum(c => c.Count);

    public int NotReachable => Unreachable.Sum(u => u.Count);

    public static AnnouncementPreview Of(IReadOnlyList<Recipient> recipients) => new(
        recipients.Where(r => r.Reach == Reachability.Reachable).GroupBy(r => r.Channel ?? "")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList(),
        recipients.Where(r => r.Reach != Reachability.Reachable).GroupBy(r => r.Reach)
            .OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList());
}
