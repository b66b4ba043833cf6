using AnBien.Bot.Privacy;
using AnBien.Bot.Storage;

namespace AnBien.Bot.Admin;

/// <summary>
/// `person export|anonymise|erase &lt;staff code&gt;`: serving one person's request about their data (README "Dữ liệu cá
/// nhân"). Registered by <see cref="AdminCommandLine"/>; exit codes as there.
/// </summary>
public static class PersonCommandLine
{
    public const string Usage = """
          person export <staff code> [--out <file.json|file.xlsx>]
                                                           everything stored about one person (JSON, or a workbook)
          person anonymise <staff code>                    replace their identity by a pseudonym, keep the record
          person erase <staff code>                        also delete notes, good deeds, chats and links; keep scores
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        return args switch
        {
            ["export", var code] => await ExportAsync(services, code, null, stdout, stderr, ct),
            ["export", var code, "--out", var file] => await ExportAsync(services, code, file, stdout, stderr, ct),
            ["anonymise" or "anonymize", var code] => await RemoveAsync(services, code, erase: false, stdout, stderr, ct),
            ["erase", var code] => await RemoveAsync(services, code, erase: true, stdout, stderr, ct),
            _ => throw new ArgumentException("person takes: export <code> [--out <file>] | anonymise <code> | erase <code>."),
        };
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string code, string? output, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        if (await services.GetRequiredService<PersonalDataExport>().ExportAsync(db, code, ct) is not { } document) return NotFound(stderr, code);
        if (output is null)
        {
            stdout.WriteLine(document.ToJsonString(PersonalDataExport.Indented));
            return 0;
        }

        await using (var file = File.Create(output))
        {
            if (output.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) PersonalDataWorkbook.Write(document, file);
            else await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString(PersonalDataExport.Indented)), ct);
        }

        stdout.WriteLine($"Everything stored about {code} written to {output}.");
        return 0;
    }

    private static async Task<int> RemoveAsync(IServiceProvider services, string code, bool erase, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<BotDbContextFactory>().Create();
        if (await PersonFootprint.FindAsync(db, code, ct) is not { } person) return NotFound(stderr, code);
        var removal = services.GetRequiredService<PersonalDataRemoval>();
        var pseudonym = erase ? await removal.EraseAsync(db, person, ct) : await removal.AnonymiseAsync(db, person, ct);
        stdout.WriteLine(erase
            ? $"{code} erased: notes, good deeds, chats and links deleted; scored answers kept under {pseudonym}."
            : $"{code} anonymised as {pseudonym}; assessments kept.");
        return 0;
    }

    private static int NotFound(TextWriter stderr, string code)
    {
        stderr.WriteLine($"error: no staff record has the code '{code}'.");
        return 1;
    }
}
