using AnBien.Bot.Conversations;

namespace AnBien.Bot.Announcements;

/// <summary>A picture file for an announcement, checked: PNG or JPEG, at most 1 MB (what Teams and Zalo take).</summary>
public sealed record AnnouncementPicture(byte[] Data, string ContentType)
{
    /// <summary>Reads and checks a file; an <see cref="ArgumentException"/> says what is wrong with it.</summary>
    public static AnnouncementPicture Read(string file)
    {
        if (!File.Exists(file)) throw new ArgumentException($"Image '{file}' does not exist.");
        if (new FileInfo(file).Length > MessageImage.MaxBytes) throw new ArgumentException($"Image '{file}' is larger than 1 MB, the most Teams and Zalo take.");
        var data = File.ReadAllBytes(file);
        return new AnnouncementPicture(data, TypeOf(data) ?? throw new ArgumentException($"Image '{file}' is neither PNG nor JPEG."));
    }

    /// <summary>The media type from the file's first bytes (its signature), not from its name.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? MessageImage.Png
        : data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? MessageImage.Jpeg
        : null;
}
