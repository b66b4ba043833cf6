using System.Globalization;
using AnBien.Bot.Announcements;
using AnBien.Bot.Assessment;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Admin;

/// <summary>
/// `announce …` on the command line: queues an announcement (the running service delivers it), shows its counts by
/// state, or lists recent ones. The new id is the last line of `announce`'s output, for scripts.
/// </summary>
public static class AnnouncementCommands
{
    public const string Usage = """
          announce --text <text> [--audience all|units:<c1,c2>|roles:<r1,r2>|staff:<code,…>] [--with-subunits] [--ack]
                   [--link <url>] [--image <file>] [--at <yyyy-MM-ddTHH:mm>] [--campaign <id>]
                                                           queue an announcement (Vietnam time); prints its id last
          announce status <id>                             deliveries by state: queued, sent, failed, unreachable, acknowledged
          announce list                                    the 20 most recent announcements
        """;

    public static Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct) => args switch
    {
        ["status", var id] => StatusAsync(services, id, stdout, ct),
        ["list"] => ListAsync(services, stdout, ct),
        _ => CreateAsync(services, args, stdout, ct),
    };

    private static async Task<int> CreateAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct)
    {
        string? text = null, audience = "all", link = null, image = null, at = null, campaign = null;
        bool withSubUnits = false, ack = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--with-subunits": withSubUnits = true; continue;
                case "--ack": ack = true; continue;
            }

            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i - 1])
            {
                case "--text": text = value; break;
                case "--audience": audience = value; break;
                case "--link": link = value; break;
                case "--image": image = value; break;
                case "--at": at = value; break;
                case "--campaign": campaign = value; break;
                default: throw new ArgumentException($"Unknown option '{args[i - 1]}'.");
            }
        }

        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("announce needs --text <text>.");
        if (link is not null && !Uri.TryCreate(link, UriKind.Absolute, out _)) throw new ArgumentException($"'{link}' is not an absolute URL.");
        // --image takes a file (kept with the announcement) or a public http(s) address.
        var imageUrl = image is not null && Uri.TryCreate(image, UriKind.Absolute, out var imageUri) && imageUri.Scheme is "https" or "http" ? imageUri.AbsoluteUri : null;
        var picture = image is not null && imageUrl is null ? AnnouncementPicture.Read(image) : null;
        var draft = new AnnouncementDraft(text, AnnouncementAudience.Parse(audience, withSubUnits), "cli")
        {
            Link = link, ImageUrl = imageUrl, Image = picture, RequiresAck = ack, SendAt = ParseAt(services, at),
            CampaignId = campaign is null ? null : await CampaignIdAsync(services, campaign, ct),
        };

        var announcement = await services.GetRequiredService<AnnouncementService>().CreateAsync(draft, ct);
        stdout.WriteLine($"Queued for {announcement.RecipientCount} recipients, sending from {announcement.SendAt:yyyy-MM-dd HH:mm}Z.");
        stdout.WriteLine(announcement.Id.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task<int> StatusAsync(IServiceProvider services, string id, TextWriter stdout, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var announcementId)) throw new ArgumentException($"'{id}' is not an announcement id.");
        var status = await services.GetRequiredService<AnnouncementService>().StatusAsync(announcementId, ct)
            ?? throw new ArgumentException($"There is no announcement {announcementId}.");
        foreach (var (state, count) in status.Lines()) stdout.WriteLine($"{state} {count}");
        return 0;
    }

    private static async Task<int> ListAsync(IServiceProvider services, TextWriter stdout, CancellationToken ct)
    {
        foreach (var a in await services.GetRequiredService<AnnouncementService>().ListAsync(20, ct))
        {
            var firstLine = a.Text.Split('\n')[0];
            if (firstLine.Length > 60) firstLine = firstLine[..57] + "...";
            stdout.WriteLine($"{a.Id}\t{a.SendAt:yyyy-MM-dd HH:mm}Z\t{a.Kind}\t{a.Audience}\t{a.RecipientCount}\t{firstLine}");
        }

        return 0;
    }

    private static async Task<int> CampaignIdAsync(IServiceProvider services, string text, CancellationToken ct)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) throw new ArgumentException($"'{text}' is not a campaign id.");
        await using var db = services.GetRequiredService<Storage.BotDbContextFactory>().Create();
        return await db.Campaigns.AnyAsync(c => c.Id == id, ct) ? id : throw new ArgumentException($"There is no campaign {id} (see campaign list).");
    }

    private static DateTimeOffset? ParseAt(IServiceProvider services, string? at)
    {
        if (at is null) return null;
        if (!DateTime.TryParseExact(at, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new ArgumentException($"'{at}' is not a time in the form yyyy-MM-ddTHH:mm.");
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(services.GetRequiredService<IOptions<PeriodOptions>>().Value.TimeZone);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
