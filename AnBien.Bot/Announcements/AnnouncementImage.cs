namespace AnBien.Bot.Announcements;

/// <summary>The picture an announcement carries when its sender gave a file; one row per announcement, never changed.</summary>
public sealed class AnnouncementImage
{
    public long AnnouncementId { get; set; }
    public required byte[] Data { get; set; }
}
