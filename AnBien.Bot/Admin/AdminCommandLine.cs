using System.Globalization;
using AnBien.Bot.Assessment;
using AnBien.Bot.Channels.Zalo;
using AnBien.Bot.Directory;
using AnBien.Bot.Hosting;
using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Admin;

/// <summary>
/// `dotnet run --project AnBien.Bot -- &lt;command&gt;` on the service's own configuration:
/// import, period open|close|list, activation-code, export, migrate, backup, zalo. Exit 0 on success, 2 on bad
/// arguments or configuration, 1 on failure. Relative paths are taken from the directory the command was typed in.
/// </summary>
public static class AdminCommandLine
{
    private static readonly string[] Verbs = ["import", "period", "activation-code", "export", "migrate", "backup", "zalo", "summary", "audit", "person", "announce", "report", "awards", "campaign"];

    public const string Usage = """
        Usage: dotnet run --project AnBien.Bot -- <command>   (or: AnBien.Bot <command>, the published binary)
          (no command) [--urls <url>]                      run the service (http://localhost:3978 under dotnet run)
          import <file.csv|file.xlsx>... [--dry-run] [--allow-deactivate]
                                                           import units or staff, each file all or nothing;
                                                           --dry-run prints what would change
          period list                                      periods with status, window and submitted/expected
          period open <yyyy-MM> [--closes <yyyy-MM-dd>]    open a month's self-assessment period
          period close <yyyy-MM>                           close it now
          activation-code <staff code>                     issue a one-time code to link a chat account
          export --period <yyyy-MM> [--format csv|xlsx] [--out <file>]
                                                           one row per person and item
          migrate                                          bring the database schema up to date, then stop
          backup <file>                                    copy the SQLite database while the service runs
          zalo authorize-url                               start the Zalo OA authorisation: prints the consent link
          zalo exchange <code>                             finish it with the code from the callback URL
          help                                             this text
        Add --verbose to any command to see its logs. Times are shown in the Periods:TimeZone (Asia/Ho_Chi_Minh).
        """ + "\n" + SummaryCommandLine.Usage + "\n" + ReportCommandLine.Usage + "\n" + PersonCommandLine.Usage + "\n" + AnnouncementCommands.Usage + "\n" + CampaignCommands.Usage;

    /// <summary>
    /// Decides from the arguments alone what to start: a mistyped verb must not start the web server (or fail with
    /// "address already in use"), and help must not wait for the database.
    /// </summary>
    public static BotInvocation Parse(string[] args)
    {
        var verbose = args.Contains("--verbose");
        var rest = args.Where(a => a != "--verbose").ToArray();
        if (rest.Length == 0) return new BotInvocation(BotInvocationKind.Service, rest, verbose);
        if (rest[0] is "help" or "--help" or "-h" or "-?") return new BotInvocation(BotInvocationKind.Help, rest, verbose);
        if (Verbs.Contains(rest[0])) return new BotInvocation(BotInvocationKind.Command, rest, verbose);
        return new BotInvocation(AreHostOptions(rest) ? BotInvocationKind.Service : BotInvocationKind.Invalid, rest, verbose);
    }

    /// <summary>Answers help and mistyped verbs, which need no configuration, database or host.</summary>
    public static int Answer(BotInvocation invocation, TextWriter stdout, TextWriter stderr) =>
        invocation.Kind == BotInvocationKind.Help
            ? Help(stdout)
            : BadArguments(stderr, $"'{string.Join(' ', invocation.Args)}' is not a command.");

    /// <summary>"--name value" or "--name=value" pairs only, as the host's command-line configuration reads them (--urls, --environment, --Section:Key).</summary>
    private static bool AreHostOptions(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length < 3) return false;
            if (args[i].Contains('=', StringComparison.Ordinal)) continue;
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return false;
            i++;
        }

        return true;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        args = args.Where(a => a != "--verbose").ToArray();
        try
        {
            return args switch
            {
                ["import", .. var files] => await ImportAsync(services, files, stdout, stderr, ct),
                ["period", "list"] => await ListPeriodsAsync(services, stdout, ct),
                ["period", "open", .. var rest] when rest.Length > 0 => await OpenAsync(services, rest, stdout, ct),
                ["period", "close", var month] => await CloseAsync(services, month, stdout, ct),
                ["activation-code", var staffCode] => await CodeAsync(services, staffCode, stdout, ct),
                ["export", .. var rest] => await ExportAsync(services, rest, stdout, ct),
                ["migrate"] => await MigrateAsync(services, stdout, ct),
                ["backup", var file] => await BackupAsync(services, file, stdout, ct),
                ["summary" or "audit", ..] => await SummaryCommandLine.RunAsync(services, args, stdout, ct),
                ["report" or "awards", ..] => await ReportCommandLine.RunAsync(services, args, stdout, ct),
                ["person", .. var rest] => await PersonCommandLine.RunAsync(services, rest, stdout, stderr, ct),
                ["announce", .. var rest] => await AnnouncementCommands.RunAsync(services, rest, stdout, ct),
                ["campaign", .. var rest] => await CampaignCommands.RunAsync(services, rest, stdout, ct),
                ["zalo", "authorize-url"] => await ZaloAuthorizeUrlAsync(services, stdout, stderr, ct),
                ["zalo", "exchange", var code] => await ZaloExchangeAsync(services, code, stdout, stderr, ct),
                ["help" or "--help"] => Help(stdout),
                ["period", ..] => throw new ArgumentException("period takes list, open <yyyy-MM> [--closes <yyyy-MM-dd>] or close <yyyy-MM>."),
                ["activation-code"] => throw new ArgumentException("activation-code needs a staff code, e.g. activation-code NV001."),
                ["backup", ..] => throw new ArgumentException("backup needs one file name, e.g. backup anbien-2026-11-30.db."),
                _ => BadArguments(stderr, $"'{string.Join(' ', args)}' is not a valid command."),
            };
        }
        catch (ArgumentException ex)
        {
            return BadArguments(stderr, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full disk, a missing folder, a read-only file: the operator needs the reason, not a stack trace.
            stderr.WriteLine($"error: {ex.Message}");
            return 1;
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

    private static async Task<int> ImportAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var dryRun = args.Contains("--dry-run");
        var allowDeactivate = args.Contains("--allow-deactivate");
        var unknown = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--dry-run" or "--allow-deactivate"));
        if (unknown is not null) throw new ArgumentException($"Unknown option '{unknown}' for import.");
        var paths = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (paths.Count == 0) throw new ArgumentException("import needs a file: import <file.csv|file.xlsx> [--dry-run] [--allow-deactivate].");
        if (paths.FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            throw new ArgumentException($"File '{missing}' does not exist (looked in {Path.GetDirectoryName(Path.GetFullPath(missing))}).");
        }

        var limit = allowDeactivate ? (double?)null : services.GetRequiredService<IOptions<ImportOptions>>().Value.MaxDeactivateShare;
        var importer = services.GetRequiredService<DirectoryImporter>();
        var exit = 0;
        foreach (var path in paths)
        {
            await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
            var report = await importer.ImportAsync(db, DirectoryFile.Read(path), new ImportPolicy(dryRun, limit), ct);
            var writer = report.Succeeded ? stdout : stderr;
            if (dryRun && report.Succeeded) foreach (var change in report.Changes) writer.WriteLine($"  {change}");
            writer.WriteLine($"{Path.GetFileName(path)}: {report}");
            if (!report.Succeeded) exit = 1;
        }

        return exit;
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
        var periods = services.GetRequiredService<PeriodService>();
        var period = await periods.OpenAsync(db, args[0], closes, ct);
        stdout.WriteLine($"Period {period.Month} open until {LocalTime(periods, period.ClosesAt)} (catalogue {period.CatalogueId} {period.CatalogueVersion}).");
        return 0;
    }

    private static async Task<int> CloseAsync(IServiceProvider services, string month, TextWriter stdout, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        var periods = services.GetRequiredService<PeriodService>();
        var period = await periods.CloseAsync(db, month, ct);
        stdout.WriteLine($"Period {period.Month} closed at {LocalTime(periods, period.ClosedAt!.Value)}.");
        return 0;
    }

    private static async Task<int> ListPeriodsAsync(IServiceProvider services, TextWriter stdout, CancellationToken ct)
    {
        var periods = services.GetRequiredService<PeriodService>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        var rows = await db.Periods.AsNoTracking().OrderBy(p => p.Month)
            .Select(p => new
            {
                Period = p,
                Submitted = db.Assessments.Count(a => a.PeriodId == p.Id && a.Status == AssessmentStatus.Submitted),
                Started = db.Assessments.Count(a => a.PeriodId == p.Id),
            })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            stdout.WriteLine("No periods yet. Open one with: period open <yyyy-MM> [--closes <yyyy-MM-dd>]");
            return 0;
        }

        // "Expected" is everyone active today: the directory keeps no history of who was active in a past month.
        var expected = await db.Staff.CountAsync(s => s.Active, ct);
        stdout.WriteLine($"{"month",-8} {"status",-9} {"opens",-16}   {"closes",-16}  submitted/expected  started");
        foreach (var row in rows)
        {
            var p = row.Period;
            var status = p.ClosedAt is not null || p.ClosesAt <= now ? "closed" : p.OpensAt > now ? "scheduled" : "open";
            var closes = p.ClosedAt is { } closedAt && closedAt < p.ClosesAt ? closedAt : p.ClosesAt;
            stdout.WriteLine($"{p.Month,-8} {status,-9} {LocalTime(periods, p.OpensAt),-16} → {LocalTime(periods, closes),-16}  {$"{row.Submitted}/{expected}",18}  {row.Started,7}");
        }

        stdout.WriteLine($"Times in {periods.Options.TimeZone}.");
        return 0;
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, TextWriter stdout, CancellationToken ct)
    {
        var factory = services.GetRequiredService<BotDbContextFactory>();
        await using var db = factory.Create();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await factory.MigrateAsync(ct);
        stdout.WriteLine(pending.Count == 0
            ? $"The {factory.Provider} database is up to date."
            : $"Applied {pending.Count} migration(s) to the {factory.Provider} database: {string.Join(", ", pending)}.");
        return 0;
    }

    private static async Task<int> BackupAsync(IServiceProvider services, string file, TextWriter stdout, CancellationToken ct)
    {
        var factory = services.GetRequiredService<BotDbContextFactory>();
        if (factory.IsPostgres)
        {
            throw new ArgumentException("backup copies a SQLite database. For PostgreSQL use pg_dump (see deployment/README.md, \"Backup and restore\").");
        }

        if (File.Exists(file)) throw new ArgumentException($"'{file}' already exists; a backup never overwrites a file.");
        var size = await factory.BackupSqliteAsync(Path.GetFullPath(file), ct);
        stdout.WriteLine($"Backup written to {file} ({size / 1024.0:0.#} KiB). Restore: stop the service and put it in place of the database file.");
        return 0;
    }

    /// <summary>Operators read local time: "2026-12-16 00:00", the Periods:TimeZone clock (Asia/Ho_Chi_Minh), not UTC.</summary>
    private static string LocalTime(PeriodService periods, DateTimeOffset at)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(periods.Options.TimeZone);
        return TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
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
