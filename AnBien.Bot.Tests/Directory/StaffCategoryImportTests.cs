using AnBien.Bot.Directory;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Directory;

/// <summary>The optional "category" column of the staff list (cong_chuc, vien_chuc, nguoi_lao_dong).</summary>
public sealed class StaffCategoryImportTests : IDisposable
{
    private const string Header = "code,full_name,unit_code,title,roles,email,phone,teams_object_id";
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("anbien-category-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<ImportReport> ImportAsync(TestDatabase database, string name, string content)
    {
        await using var db = database.Factory.Create();
        return await new DirectoryImporter().ImportAsync(db, DirectoryFile.Read(Write(name, content)), default);
    }

    private static async Task<Dictionary<string, string?>> CategoriesAsync(TestDatabase database)
    {
        await using var db = database.Factory.Create();
        return await db.Staff.ToDictionaryAsync(s => s.Code, s => s.Category);
    }

    [Fact]
    public async Task CategoryIsStoredInAnyColumnOrderAndKeptByAFileWithoutTheColumn()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Factory.MigrateAsync();
        Assert.True((await ImportAsync(database, "units.csv", "code,name,parent_code\nUB,UBND xã Thử,\n")).Succeeded);

        var first = await ImportAsync(database, "staff.csv",
            "category,code,full_name,unit_code,title,roles,email,phone,teams_object_id\n" +
            "cong_chuc,A1,Lê Thị Mai,UB,,staff,,,\nVIEN_CHUC,A2,Phạm Văn Tú,UB,,staff,,,\n,A3,Võ Thị Hằng,UB,,staff,,,\n");
        Assert.True(first.Succeeded, first.ToString());
        Assert.Equal(new Dictionary<string, string?> { ["A1"] = "cong_chuc", ["A2"] = "vien_chuc", ["A3"] = null }, await CategoriesAsync(database));

        var without = await ImportAsync(database, "staff2.csv", Header + "\nA1,Lê Thị Mai,UB,,staff,,,\nA2,Phạm Văn Tú,UB,,staff,,,\nA3,Võ Thị Hằng,UB,,staff,,,\n");
        Assert.Equal(0, without.StaffUpdated);
        Assert.Equal("cong_chuc", (await CategoriesAsync(database))["A1"]);

        var changed = await ImportAsync(database, "staff3.csv", Header + ",category\nA1,Lê Thị Mai,UB,,staff,,,,nguoi_lao_dong\nA2,Phạm Văn Tú,UB,,staff,,,,\nA3,Võ Thị Hằng,UB,,staff,,,,\n");
        Assert.Equal(2, changed.StaffUpdated);
        Assert.Equal(new Dictionary<string, string?> { ["A1"] = "nguoi_lao_dong", ["A2"] = null, ["A3"] = null }, await CategoriesAsync(database));
    }

    [Fact]
    public async Task UnknownCategoryIsRefusedWithItsLine()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Factory.MigrateAsync();
        await ImportAsync(database, "units.csv", "code,name,parent_code\nUB,UBND xã Thử,\n");

        var report = await ImportAsync(database, "staff.csv", Header + ",category\nA1,Lê Thị Mai,UB,,staff,,,,cán bộ\n");

        Assert.False(report.Succeeded);
        Assert.Contains(report.Errors, e => e.Contains("line 2: unknown category 'cán bộ'", StringComparison.Ordinal));
        await using var db = database.Factory.Create();
        Assert.Equal(0, await db.Staff.CountAsync());
    }
}
