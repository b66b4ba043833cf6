using AnBien.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Directory;

/// <summary>Loads Resources/demo (a fictional commune) into an empty database when demo mode is on.</summary>
public static class DemoDirectory
{
    public static async Task<bool> SeedIfEmptyAsync(BotDbContext db, DirectoryImporter importer, CancellationToken ct)
    {
        if (await db.Staff.AnyAsync(ct) || await db.Units.AnyAsync(ct)) return false;
        var folder = Path.Combine(AppContext.BaseDirectory, "Resources", "demo");
        foreach (var name in new[] { "units.csv", "staff.csv" })
        {
            var report = await importer.ImportAsync(db, DirectoryFile.Read(Path.Combine(folder, name)), ct);
            if (!report.Succeeded) throw new InvalidOperationException($"Demo directory {name}: {report}");
        }

        return true;
    }
}
