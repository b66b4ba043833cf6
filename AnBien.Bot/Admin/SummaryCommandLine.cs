using System.Globalization;
using AnBien.Bot.Conversations;
using AnBien.Bot.Storage;
using AnBien.Bot.Summaries;
using CsvHelper;

namespace AnBien.Bot.Admin;

/// <summary>The administrator's `summary` and `audit` commands, for checking figures and filing.</summary>
public static class SummaryCommandLine
{
    public const string Usage = """
          summary --unit <code> --period <yyyy-MM|yyyy-Qn|yyyy|yyyy-MM-dd..yyyy-MM-dd> [--with-subunits]
                  [--format text|json|xlsx|png] [--out <file>]
                                                           a unit's summary (the whole organisation: the root unit
                                                           with --with-subunits)
          audit [--since <yyyy-MM-dd>] [--format text|csv] who viewed which summary, downloaded which workbook, was refused
        """;

    /// <summary>The actor written to the audit table for the command line.</summary>
    public const string Actor = "cli";

    public static Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct) =>
        args[0] == "summary" ? SummaryAsync(services, args[1..], stdout, ct) : AuditAsync(services, args[1..], stdout, ct);

    private static async Task<int> SummaryAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct)
    {
        var options = Options(args, flags: ["--with-subunits"]);
        var unit = options.GetValueOrDefault("--unit") ?? throw new ArgumentException("summary needs --unit <code>.");
        var period = SummaryPeriod.Parse(options.GetValueOrDefault("--period") ?? throw new ArgumentException("summary needs --period."));
        var format = options.GetValueOrDefault("--format") ?? "text";
        var output = options.GetValueOrDefault("--out");
        if (format is not ("text" or "json" or "xlsx" or "png")) throw new ArgumentException("--format must be text, json, xlsx or png.");
        if (format is "xlsx" or "png" && output is null) throw new ArgumentException($"--format {format} needs --out <file>.");
        var request = new SummaryRequest(unit, options.ContainsKey("--with-subunits"), period);

        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        // Only the JSON prints the previous period's lists (its "previous" repeats every key).
        var summary = await services.GetRequiredService<SummaryService>().ComputeAsync(db, request.UnitCode, request.WithSubunits, period, previousLists: format == "json", ct)
            ?? throw new ArgumentException($"There is no unit '{unit}'.");
        var action = format == "xlsx" ? SummaryAudit.Workbook : format == "png" ? SummaryAudit.Chart : SummaryAudit.View;
        await services.GetRequiredService<SummaryAudit>().WriteAsync(db, Actor, action, request.Scope, SummaryAudit.Allowed, ct);

        var texts = services.GetRequiredService<TextCatalog>();
        switch (format)
        {
            case "xlsx":
                await using (var file = File.Create(output!))
                {
                    await services.GetRequiredService<SummaryWorkbook>().WriteAsync(db, summary, TextCatalog.Vietnamese, file, ct);
                }

                stdout.WriteLine($"Workbook written to {output}.");
                return 0;
            case "png":
                await File.WriteAllBytesAsync(output!, SummaryChart.Render(texts, TextCatalog.Vietnamese, summary), ct);
                stdout.WriteLine($"Chart written to {output}.");
                return 0;
        }

        var text = format == "json" ? SummaryJson.Write(summary) : SummaryText.Render(texts, TextCatalog.Vietnamese, summary);
        if (output is null) stdout.WriteLine(text);
        else await File.WriteAllTextAsync(output, text + "\n", ct);
        return 0;
    }

    private static async Task<int> AuditAsync(IServiceProvider services, string[] args, TextWriter stdout, CancellationToken ct)
    {
        var options = Options(args, flags: []);
        DateTimeOffset? since = null;
        if (options.GetValueOrDefault("--since") is { } day)
        {
            since = DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                : throw new ArgumentException($"'{day}' is not a date in the form yyyy-MM-dd.");
        }

        var format = options.GetValueOrDefault("--format") ?? "text";
        if (format is not ("text" or "csv")) throw new ArgumentException("--format must be text or csv.");

        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        var rows = await SummaryAudit.ListAsync(db, since, ct);
        if (format == "csv")
        {
            await using var csv = new CsvWriter(stdout, CultureInfo.InvariantCulture, leaveOpen: true);
            foreach (var h in new[] { "at", "actor", "action", "scope", "outcome" }) csv.WriteField(h);
            await csv.NextRecordAsync();
            foreach (var r in rows)
            {
                foreach (var f in new[] { r.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.Actor, r.Action, r.Scope, r.Outcome }) csv.WriteField(f);
                await csv.NextRecordAsync();
            }

            return 0;
        }

        foreach (var r in rows) stdout.WriteLine($"{r.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {r.Actor,-10} {r.Action,-17} {r.Scope,-24} {r.Outcome}");
        stdout.WriteLine($"{rows.Count} entries.");
        return 0;
    }

    /// <summary>"--name value" pairs and bare flags, as the summary, report and awards commands take them.</summary>
    internal static Dictionary<string, string?> Options(string[] args, string[] flags)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (flags.Contains(args[i]))
            {
                options[args[i]] = null;
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected '{args[i]}'.");
            options[args[i]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        }

        return options;
    }
}
