using AnBien.Bot.Conversations;
using AnBien.Bot.Reports;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Admin;

/// <summary>The council's file from the command line: the yearly (or milestone) report workbook and the award candidates.</summary>
public static class ReportCommandLine
{
    public const string Usage = """
          report year <yyyy> [--unit <code>] [--with-subunits] --out <file.xlsx>
          report range <yyyy-MM-dd..yyyy-MM-dd> [--unit <code>] [--with-subunits] --out <file.xlsx>
                                                           per person and per unit: months expected and submitted,
                                                           average, each month's classification, breaches, good
                                                           deeds; with the award candidates (sơ kết, tổng kết)
          awards <yyyy|yyyy-MM-dd..yyyy-MM-dd> [--rules <file.json>] [--format csv|xlsx] [--out <file>]
                                                           award candidates with their evidence, and near misses
                                                           with the rules they failed (rules: the Awards settings,
                                                           or the same keys in a JSON file)
        """;

    public static Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct) => args switch
    {
        ["report", "year" or "range", var period, .. var rest] => ReportAsync(services, Period(args[1], period), rest, stdout, ct),
        ["awards", var period, .. var rest] => AwardsAsync(services, Period(period.Contains("..", StringComparison.Ordinal) ? "range" : "year", period), rest, stdout, ct),
        ["report", ..] => throw new ArgumentException("report takes year <yyyy> or range <yyyy-MM-dd..yyyy-MM-dd>, then --out <file.xlsx>."),
        _ => throw new ArgumentException("awards needs a year, e.g. awards 2026."),
    };

    private static async Task<int> ReportAsync(IServiceProvider services, SummaryPeriod period, string[] args, TextWriter stdout, CancellationToken ct)
    {
        var options = SummaryCommandLine.Options(args, flags: ["--with-subunits"]);
        Only(options, "--unit", "--with-subunits", "--out");
        var output = options.GetValueOrDefault("--out") ?? throw new ArgumentException("report needs --out <file.xlsx>.");
        var unit = options.GetValueOrDefault("--unit");
        var withSubunits = unit is null || options.ContainsKey("--with-subunits");
        var awards = await ComputeAsync(services, unit, withSubunits, period, services.GetRequiredService<IOptions<AwardOptions>>().Value, ReportAudit.Workbook, ct);
        await using (var file = File.Create(output))
        {
            services.GetRequiredService<YearlyWorkbook>().Write(awards, TextCatalog.Vietnamese, file);
        }

        var r = awards.Report;
        stdout.WriteLine($"{r.People.Count} people, {r.Units.Count} units, {r.MonthsHeld.Count} months held; {awards.Candidates.Count} award candidates. Workbook written to {output}.");
        return 0;
    }

    private static async Task<int> AwardsAsync(IServiceProvider services, SummaryPeriod period, string[] args, TextWriter stdout, CancellationToken ct)
    {
        var options = SummaryCommandLine.Options(args, flags: []);
        Only(options, "--rules", "--format", "--out");
        var format = options.GetValueOrDefault("--format") ?? "csv";
        var output = options.GetValueOrDefault("--out");
        if (format is not ("csv" or "xlsx")) throw new ArgumentException("--format must be csv or xlsx.");
        if (format == "xlsx" && output is null) throw new ArgumentException("--format xlsx needs --out <file>.");
        var configured = services.GetRequiredService<IOptions<AwardOptions>>().Value;
        var rules = options.GetValueOrDefault("--rules") is { } path ? AwardRulesFile.Read(path, configured) : configured;

        var awards = await ComputeAsync(services, null, true, period, rules, ReportAudit.Awards, ct);
        var texts = services.GetRequiredService<TextCatalog>();
        if (output is null)
        {
            await using var stream = Console.OpenStandardOutput();
            await AwardCsv.WriteAsync(texts, awards, stream, ct);
            return 0;
        }

        await using (var file = File.Create(output))
        {
            if (format == "xlsx") services.GetRequiredService<YearlyWorkbook>().Write(awards, TextCatalog.Vietnamese, file, awardsOnly: true);
            else await AwardCsv.WriteAsync(texts, awards, file, ct);
        }

        stdout.WriteLine($"{awards.Candidates.Count} candidates and {awards.NearMisses.Count} near misses written to {output}.");
        return 0;
    }

    private static async Task<AwardList> ComputeAsync(IServiceProvider services, string? unit, bool withSubunits, SummaryPeriod period, AwardOptions rules,
        string action, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        var report = await services.GetRequiredService<YearlyReportService>().ComputeAsync(db, unit, withSubunits, period, ct)
            ?? throw new ArgumentException(unit is null ? "There are no units in the directory yet." : $"There is no unit '{unit}'.");
        var scope = SummaryAudit.ScopeOf(report.UnitCode, report.WithSubunits, period);
        await services.GetRequiredService<SummaryAudit>().WriteAsync(db, SummaryCommandLine.Actor, action, scope, SummaryAudit.Allowed, ct);
        return AwardSelector.Select(report, rules);
    }

    private static SummaryPeriod Period(string kind, string text)
    {
        var period = SummaryPeriod.Parse(text);
        var isYear = text.Length == 4;
        if (kind == "year" && !isYear) throw new ArgumentException($"'{text}' is not a year: use yyyy, or report range <yyyy-MM-dd..yyyy-MM-dd>.");
        if (kind == "range" && !text.Contains("..", StringComparison.Ordinal)) throw new ArgumentException($"'{text}' is not a range: use yyyy-MM-dd..yyyy-MM-dd.");
        return period;
    }

    private static void Only(Dictionary<string, string?> options, params string[] known)
    {
        if (options.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown) throw new ArgumentException($"Unknown option '{unknown}'.");
    }
}
