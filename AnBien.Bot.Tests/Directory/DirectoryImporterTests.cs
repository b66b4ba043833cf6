using AnBien.Bot.Directory;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Directory;

public sealed class DirectoryImporterTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("anbien-import-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CsvImportCreatesThenReimportUpdatesMovesAndDeactivates(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.Factory.MigrateAsync();
        var importer = new DirectoryImporter();
        var units = Write("units.csv", "code,name,parent_code\nUB,UBND xã Thử,\nVP,Văn phòng,UB\nKT,\"Phòng Kinh tế, Hạ tầng\",UB\n");
        var staff1 = Write("staff.csv",
            "code,full_name,unit_code,title,roles,email,phone,teams_object_id\n" +
            "A1,Lê Thị Mai,VP,Chuyên viên,staff,Mai.Le@x.example.vn,+84 912 345 678,\n" +
            "A2,Phạm Văn Tú,VP,Chánh Văn phòng,staff;unit_head,,,aaaaaaaa-0000-4000-8000-000000000002\n" +
            "A3,Võ Thị Hằng,KT,Chuyên viên,staff,,,\n");

        await using (var db = database.Factory.Create())
        {
            Assert.True((await importer.ImportAsync(db, DirectoryFile.Read(units), default)).Succeeded);
            var report = await importer.ImportAsync(db, DirectoryFile.Read(staff1), default);
            Assert.Equal((3, 0), (report.StaffCreated, report.StaffDeactivated));
        }

        var staff2 = Write("staff2.csv",
            "code,full_name,unit_code,title,roles,email,phone,teams_object_id\n" +
            "A1,Lê Thị Mai,KT,Chuyên viên,staff,mai.le@x.example.vn,0912345678,\n" +
            "A2,Phạm Văn Tú,VP,Chánh Văn phòng,staff;unit_head;council,,,aaaaaaaa-0000-4000-8000-000000000002\n");
        await using (var db = database.Factory.Create())
        {
            var report = await importer.ImportAsync(db, DirectoryFile.Read(staff2), default);
            Assert.Equal((0, 1, 1, 1), (report.StaffCreated, report.StaffUpdated, report.StaffMoved, report.StaffDeactivated));
        }

        await using var check = database.Factory.Create();
        var people = await check.Staff.Include(s => s.Unit).OrderBy(s => s.Code).ToListAsync();
        Assert.Equal(("KT", "mai.le@x.example.vn", "0912345678"), (people[0].Unit!.Code, people[0].Email, people[0].Phone));
        Assert.Equal(StaffRoles.Staff | StaffRoles.UnitHead | StaffRoles.Council, people[1].Roles);
        Assert.False(people[2].Active);
        Assert.Equal("Phòng Kinh tế, Hạ tầng", (await check.Units.SingleAsync(u => u.Code == "KT")).Name);
        Assert.Equal("UB", (await check.Units.Include(u => u.Parent).SingleAsync(u => u.Code == "VP")).Parent!.Code);
    }

    [Fact]
    public async Task RowsWithErrorsAreReportedByLineAndNothingIsImported()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Factory.MigrateAsync();
        var units = Write("units.csv", "code,name,parent_code\nUB,UBND xã Thử,\n");
        var staff = Write("staff.csv",
            "code,full_name,unit_code,title,roles,email,phone,teams_object_id\n" +
            "B1,Đặng Văn Lợi,UB,,staff,,,\n" +
            "B2,,UB,,staff,,,\n" +
            "B3,Bùi Thị Yến,XX,,staff,,,\n" +
            "B1,Đặng Văn Lợi,UB,,boss,not-an-email,12,nope\n");
        await using var db = database.Factory.Create();
        var importer = new DirectoryImporter();
        await importer.ImportAsync(db, DirectoryFile.Read(units), default);

        var report = await importer.ImportAsync(db, DirectoryFile.Read(staff), default);

        Assert.False(report.Succeeded);
        Assert.Contains("line 3: full_name is empty", report.Errors);
        Assert.Contains("line 4: unit 'XX' does not exist", report.Errors);
        Assert.Contains("line 5: staff code 'B1' appears twice", report.Errors);
        Assert.Contains("line 5: unknown role 'boss' (use staff, leader, unit_head, council, admin)", report.Errors);
        Assert.Contains("line 5: e-mail 'not-an-email' is not valid", report.Errors);
        Assert.Contains("line 5: teams_object_id 'nope' is not a GUID", report.Errors);
        Assert.Equal(0, await db.Staff.CountAsync());
    }

    [Fact]
    public async Task UnitCycleIsRejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Factory.MigrateAsync();
        var units = Write("units.csv", "code,name,parent_code\nA,Một,B\nB,Hai,A\n");
        await using var db = database.Factory.Create();

        var report = await new DirectoryImporter().ImportAsync(db, DirectoryFile.Read(units), default);

        Assert.Contains(report.Errors, e => e.StartsWith("line 2: unit 'A' is inside itself", StringComparison.Ordinal));
        Assert.Equal(0, await db.Units.CountAsync());
    }

    [Fact]
    public async Task XlsxWithUnitAndStaffSheetsImports()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Factory.MigrateAsync();
        var path = Path.Combine(_folder, "danh-ba.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var u = workbook.Worksheets.Add("Đơn vị");
            u.Cell(1, 1).Value = "code"; u.Cell(1, 2).Value = "name"; u.Cell(1, 3).Value = "parent_code";
            u.Cell(2, 1).Value = "UB"; u.Cell(2, 2).Value = "UBND xã Thử";
            u.Cell(3, 1).Value = "TP"; u.Cell(3, 2).Value = "Tư pháp – Hộ tịch"; u.Cell(3, 3).Value = "UB";
            var s = workbook.Worksheets.Add("Cán bộ");
            string[] header = ["code", "full_name", "unit_code", "title", "roles", "email", "phone", "teams_object_id"];
            for (var i = 0; i < header.Length; i++) s.Cell(1, i + 1).Value = header[i];
            s.Cell(2, 1).Value = "C1"; s.Cell(2, 2).Value = "Huỳnh Ngọc Ánh"; s.Cell(2, 3).Value = "TP"; s.Cell(2, 5).Value = "staff;admin";
            s.Cell(2, 7).SetValue("0900000099");
            workbook.SaveAs(path);
        }

        await using var db = database.Factory.Create();
        var report = await new DirectoryImporter().ImportAsync(db, DirectoryFile.Read(path), default);

        Assert.True(report.Succeeded, report.ToString());
        var person = await db.Staff.Include(x => x.Unit).SingleAsync();
        Assert.Equal(("Huỳnh Ngọc Ánh", "TP", StaffRoles.Staff | StaffRoles.Admin, "0900000099"), (person.FullName, person.Unit!.Code, person.Roles, person.Phone));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
