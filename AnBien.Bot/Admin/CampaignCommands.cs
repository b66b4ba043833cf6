using System.Globalization;
using AnBien.Bot.Campaigns;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnBien.Bot.Admin;

/// <summary>`campaign …` on the command line: adds the plan's sub-campaigns (docs/campaigns.md) and lists them.</summary>
public static class CampaignCommands
{
    public const string Usage = """
          campaign add --name <name> --from <yyyy-MM-dd> --to <yyyy-MM-dd> [--description <text>] [--questions <file.json>]
                                                           add a campaign; prints its id last
          campaign add --from-file <file.json> [--from <yyyy-MM-dd> --to <yyyy-MM-dd>]
                                                           add every campaign of a file (Resources/campaigns/ke-hoach-118.json),
                                                           optionally over other dates
          campaign list                                    campaigns with dates, questions and announcements
        """;

    public static Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct) => args switch
    {
        ["add", .. var rest] => AddAsync(services, rest, stdout, ct),
        ["list"] => ListAsync(services, stdout, ct),
        _ => throw new ArgumentException("campaign takes add … or list."),
    };

    private static async Task<int> AddAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is not ("--name" or "--from" or "--to" or "--description" or "--questions" or "--from-file")) throw new ArgumentException($"Unknown option '{args[i]}'.");
            options[args[i]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        }

        DateOnly? from = options.TryGetValue("--from", out var f) ? ParseDay(f) : null;
        DateOnly? to = options.TryGetValue("--to", out var t) ? ParseDay(t) : null;
        IReadOnlyList<CampaignDefinition> definitions;
        if (options.TryGetValue("--from-file", out var file))
        {
            definitions = [.. CampaignFile.ReadCampaigns(file).Select(d => d with { From = from ?? d.From, To = to ?? d.To })];
        }
        else
        {
            if (!options.TryGetValue("--name", out var name) || from is null || to is null) throw new ArgumentException("campaign add needs --name, --from and --to (or --from-file).");
            var questions = options.TryGetValue("--questions", out var q) ? CampaignFile.ReadQuestions(q) : [];
            definitions = [new CampaignDefinition { Name = name, Description = options.GetValueOrDefault("--description"), From = from.Value, To = to.Value, Questions = questions }];
        }

        CampaignFile.Validate(definitions, "campaign add");
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        foreach (var d in definitions)
        {
            var campaign = await CampaignStore.AddAsync(db, d, now, ct);
            stdout.WriteLine($"Campaign {campaign.Id} \"{campaign.Name}\" {campaign.From:yyyy-MM-dd}..{campaign.To:yyyy-MM-dd}, {campaign.Questions.Count} question(s).");
        }

        stdout.WriteLine(string.Join(' ', db.ChangeTracker.Entries<Campaign>().Select(e => e.Entity.Id)));
        return 0;
    }

    private static async Task<int> ListAsync(IServiceProvider services, TextWriter stdout, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        var rows = await db.Campaigns.OrderBy(c => c.From).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name, c.From, c.To, Questions = c.Questions.Count, Announcements = db.Announcements.Count(a => a.CampaignId == c.Id) })
            .ToListAsync(ct);
        if (rows.Count == 0) stdout.WriteLine("No campaigns.");
        foreach (var r in rows) stdout.WriteLine($"{r.Id,4}  {r.From:yyyy-MM-dd}..{r.To:yyyy-MM-dd}  {r.Questions} question(s)  {r.Announcements} announcement(s)  {r.Name}");
        return 0;
    }

    public static DateOnly ParseDay(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : throw new ArgumentException($"'{text}' is not a date in the form yyyy-MM-dd.");
}
