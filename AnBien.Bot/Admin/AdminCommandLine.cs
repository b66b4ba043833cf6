using System.Globalization;
using AnBien.Bot.Assessment;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Directory;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Admin;

/// <summary>
/// `dotnet run --project AnBien.Bot -- &lt;command&gt;` on the service's own configuration:
/// import, period open|close, activation-code, export. Exit 0 on success, 2 on bad arguments, 1 on failure.
/// </summary>
public static class AdminCommandLine
{
    private static readonly string[] Commands = ["import", "period", "activation-code", "export", "zalo", "announce", "help", "--help"];

    public const string Usage = """
        Usage:
          import <file.csv|file.xlsx>                      import units or staff (repeatable; all or nothing)
          period open <yyyy-MM> [--closes <yyyy-MM-dd>]    open a month's self-assessment period
          period close <yyyy-MM>                           close it now
          activation-code <staff code>                     issue a one-time code to link a chat account
          export --period <yyyy-MM> [--format csv|xlsx] [--out <file>]
                                                           one row per person and item
          zalo authorize-url                               start the Zalo OA authorisation: prints the consent link
          zalo exchange <code>                             finish it with the code from the callback URL
        """ + "\n" + AnnouncementCommands.Usage;

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        try
        {
            return args[0] switch
            {
                "import" when args.Length == 2 => await ImportAsync(services, args[1], stdout, stderr, ct),
                "period" when args.Length >= 3 && args[1] == "open" => await OpenAsync(services, args[2..], stdout, ct),
                "period" when args.Length == 3 && args[1] == "close" => await CloseAsync(services, args[2], stdout, ct),
                "activation-code" when args.Length == 2 => await CodeAsync(services, args[1], stdout, ct),
                "export" => await ExportAsync(services, args[1..], stdout, ct),
                "zalo" when args is [_, "authorize-url"] => await ZaloAuthorizeUrlAsync(services, stdout, stderr, ct),
                "zalo" when args is [_, "exchange", var code] => await ZaloExchangeAsync(services, code, stdout, stderr, ct),
                "announce" => await AnnouncementCommands.RunAsync(services, args[1..], stdout, ct),
                "help" or "--help" => Help(stdout),
                _ => BadArguments(stderr, $"'{string.Join(' ', args)}' is not a valid command."),
            };
        }
        catch (ArgumentException ex)
        {
            return BadArguments(stderr, ex.Message);
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return 0;
    }

    private static int BadArguments(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        stderr.WriteLine(Usage);
        return 2;
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string path, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new ArgumentException($"File '{path}' does not exist.");
        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        var report = await services.GetRequiredService<DirectoryImporter>().ImportAsync(db, DirectoryFile.Read(path), ct);
        (report.Succeeded ? stdout : stderr).WriteLine(report.ToString());
        return report.Succeeded ? 0 : 1;
    }

    private static async Task<int> OpenAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct)
    {
        DateOnly? closes = null;
        if (args.Length == 3 && args[1] == "--closes")
        {
            closes = DateOnly.TryParseExact(args[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new ArgumentException($"'{args[2]}' is not a date in the form yyyy-MM-dd.");
        }
        else if (args.Length != 1)
        {
            throw new ArgumentException("period open takes <yyyy-MM> and optionally --closes <yyyy-MM-dd>.");
        }

        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        var period = await services.GetRequiredService<PeriodService>().OpenAsync(db, args[0], closes, ct);
        stdout.WriteLine($"Period {period.Month} open until {period.ClosesAt:yyyy-MM-dd HH:mm}Z (catalogue {period.CatalogueId} {period.CatalogueVersion}).");
        return 0;
    }

    private static async Task<int> CloseAsync(IServiceProvider services, string month, TextWriter stdout, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        var period = await services.GetRequiredService<PeriodService>().CloseAsync(db, month, ct);
        stdout.WriteLine($"Period {period.Month} closed at {period.ClosedAt:yyyy-MM-dd HH:mm}Z.");
        return 0;
    }

    private static async Task<int> CodeAsync(IServiceProvider services, string staffCode, TextWriter stdout, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        var linking = services.GetRequiredService<LinkingService>();
        var code = await linking.IssueCodeAsync(db, staffCode, "cli", ct);
        stdout.WriteLine($"Activation code for {staffCode}: {code} (valid {linking.Options.CodeLifetime.TotalDays:0.#} days, single use)");
        return 0;
    }

    private static async Task<int> ZaloAuthorizeUrlAsync(IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        Uri url;
        try
        {
            url = await services.GetRequiredService<ZaloAuthorization>().StartAsync(ct);
        }
        catch (InvalidOperationException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 1;
        }

        stdout.WriteLine("Open this link as an administrator of the OA and allow the app (valid 30 minutes):");
        stdout.WriteLine(url);
        stdout.WriteLine("Zalo then opens the callback URL; if the bot does not receive it, run: zalo exchange <code from that URL>");
        return 0;
    }

    private static async Task<int> ZaloExchangeAsync(IServiceProvider services, string code, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        try
        {
            await services.GetRequiredService<ZaloAuthorization>().CompleteAsync(code, state: null, ct);
        }
        catch (InvalidOperationException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 1;
        }

        stdout.WriteLine("Zalo OA authorised; tokens stored.");
        return 0;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct)
    {
        string? month = null, format = "csv", output = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--period": month = value; break;
                case "--format": format = value; break;
                case "--out": output = value; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }

            i++;
        }

        if (month is null) throw new ArgumentException("export needs --period <yyyy-MM>.");
        if (format is not ("csv" or "xlsx")) throw new ArgumentException("--format must be csv or xlsx.");
        if (format == "xlsx" && output is null) throw new ArgumentException("--format xlsx needs --out <file>.");

        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        var rows = await services.GetRequiredService<AssessmentExport>().RowsAsync(db, month, ct);
        if (output is null)
        {
            await using var stream = Console.OpenStandardOutput();
            await AssessmentExport.WriteCsvAsync(rows, stream, ct);
            return 0;
        }

        await using (var file = File.Create(output))
        {
            if (format == "xlsx") AssessmentExport.WriteXlsx(rows, month, file);
            else await AssessmentExport.WriteCsvAsync(rows, file, ct);
        }

        stdout.WriteLine($"{rows.Count} rows written to {output}.");
        return 0;
    }
}
