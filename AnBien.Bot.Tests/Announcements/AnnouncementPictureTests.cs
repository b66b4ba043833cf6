using AnBien.Bot.Announcements;
using AnBien.Bot.Channels.BotFramework;
using AnBien.Bot.Channels.Teams;
using AnBien.Bot.Conversations;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Tests.Announcements;

/// <summary>An announcement's picture reaches people as a picture: from a file given to the command line, or by address.</summary>
public sealed class AnnouncementPictureTests : IDisposable
{
    private static readonly Dictionary<string, string?> PublicAddress = new() { ["Bot:PublicBaseUrl"] = "https://vanhoa.example.vn/bot" };

    // A real 1×1 PNG: signature, IHDR, IDAT, IEND.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("anbien-picture-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task APictureFileIsStoredWithTheAnnouncementAndDeliveredAsAPictureWithAnAddressZaloCanFetch(string provider)
    {
        var transport = new RecordingTransport(() => DateTimeOffset.UtcNow);
        await using var app = await BotApplication.StartAsync(provider, PublicAddress, services: transport.Install);
        await LinkAsync(app, "NV001", "NV002");
        var file = Path.Combine(_folder, "le-phat-dong.png");
        await File.WriteAllBytesAsync(file, Png);

        var (code, output) = await app.RunCommandAsync("announce", "--text", "Lễ phát động phong trào tháng 12.", "--audience", "staff:NV001,NV002", "--image", file);
        Assert.Equal(0, code);
        await app.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default);

        Assert.Equal(2, transport.Sent.Count);
        var message = transport.Sent.First().Message;
        Assert.Equal("Lễ phát động phong trào tháng 12.", message.Text); // no line with a path of the server's disk
        var image = Assert.IsType<MessageImage>(message.Image);
        Assert.Equal(Png, image.Data);
        Assert.Equal(("image/png", "Ảnh kèm thông báo"), (image.ContentType, image.AltText));
        Assert.StartsWith("https://vanhoa.example.vn/bot/announcements/image/", image.Link!.AbsoluteUri);

        // The address Zalo fetches the picture from serves exactly the file; a tampered one is a 404.
        var client = app.CreateClient();
        var path = image.Link.AbsolutePath["/bot".Length..];
        using var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
        using var tampered = await client.GetAsync(path[..^2] + (path[^2] == 'A' ? "B" : "A") + path[^1]);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, tampered.StatusCode);

        // Teams gets the picture inside the card, inline.
        var card = AdaptiveCardRenderer.Apply(ActivityMapper.ToActivity(message, new Activity()), message).Attachments!.Single();
        var block = card.Content!["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Image")!;
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(Png), block["url"]!.GetValue<string>());

        await using var db = app.CreateDbContext();
        var stored = await db.AnnouncementImages.SingleAsync();
        Assert.Equal(Png, stored.Data);
    }

    [Fact]
    public async Task APictureGivenByAddressIsSentAsThatPicture()
    {
        var transport = new RecordingTransport(() => DateTimeOffset.UtcNow);
        await using var app = await BotApplication.StartAsync(services: transport.Install);
        await LinkAsync(app, "NV001");

        var (code, _) = await app.RunCommandAsync("announce", "--text", "Hưởng ứng ngày môi trường.", "--audience", "staff:NV001", "--image", "https://tanhoa.example.vn/anh/moi-truong.jpg");
        Assert.Equal(0, code);
        await app.Services.GetRequiredService<AnnouncementDeliveryWorker>().DeliverDueAsync(default);

        var message = Assert.Single(transport.Sent).Message;
        Assert.Equal("Hưởng ứng ngày môi trường.", message.Text);
        var attachment = Assert.Single(ActivityMapper.ToActivity(message, new Activity()).Attachments!);
        Assert.Equal(("image/jpeg", "https://tanhoa.example.vn/anh/moi-truong.jpg"), (attachment.ContentType, attachment.ContentUrl));
        await using var db = app.CreateDbContext();
        Assert.Empty(await db.AnnouncementImages.ToListAsync());
    }

    [Fact]
    public async Task AFileThatIsNoPictureOrTooLargeIsRefusedAndNothingIsQueued()
    {
        await using var app = await BotApplication.StartAsync();
        var text = Path.Combine(_folder, "ghi-chu.png");
        await File.WriteAllTextAsync(text, "không phải ảnh");
        var large = Path.Combine(_folder, "lon.png");
        await File.WriteAllBytesAsync(large, [.. Png, .. new byte[MessageImage.MaxBytes]]);

        var (code, output) = await app.RunCommandAsync("announce", "--text", "Thử", "--image", text);
        Assert.Equal((2, true), (code, output.Contains("neither PNG nor JPEG", StringComparison.Ordinal)));
        (code, output) = await app.RunCommandAsync("announce", "--text", "Thử", "--image", large);
        Assert.Equal((2, true), (code, output.Contains("larger than 1 MB", StringComparison.Ordinal)));
        (code, output) = await app.RunCommandAsync("announce", "--text", "Thử", "--image", Path.Combine(_folder, "khong-co.png"));
        Assert.Equal((2, true), (code, output.Contains("does not exist", StringComparison.Ordinal)));

        await using var db = app.CreateDbContext();
        Assert.Empty(await db.Announcements.ToListAsync());
    }

    private static async Task LinkAsync(BotApplication app, params string[] codes)
    {
        await using var db = app.CreateDbContext();
        var now = app.Clock.GetUtcNow();
        foreach (var staff in await db.Staff.Where(s => codes.Contains(s.Code)).ToListAsync())
        {
            db.ChannelAccounts.Add(new AnBien.Bot.Storage.ChannelAccount { Channel = "fake", ChannelUserId = "u" + staff.Code, StaffId = staff.Id, LinkedBy = "test", LastInteractionAt = now });
        }

        await db.SaveChangesAsync();
    }
}
