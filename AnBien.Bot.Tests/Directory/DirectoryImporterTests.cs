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

    [Fact]
    public async Task SemicolonFileInAnyColumnOrderImports()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Factory.MigrateAsync();
        var importer = new DirectoryImporter();
        // As Excel saves "CSV" in the Vietnamese locale: semicolons, and the columns in the order the sheet had them.
        var units = Write("units.csv", "\uFEFFname;parent_code;code\nUBND xã Thử;;UB\nPhòng Kinh tế, Hạ tầng;UB;KT\n");
        var staff = Write("staff.csv",
            "full_name;code;unit_code;roles;title;email;phone;teams_object_id\n" +
            "Lê Thị Mai;A1;KT;staff;Chuyên viên;;0912345678;\n");

        await using var db = database.Factory.Create();
        var unitReport = await importer.ImportAsync(db, DirectoryFile.Read(units), default);
        var staffReport = await importer.ImportAsync(db, DirectoryFile.Read(staff), default);

        Assert.True(unitReport.Succeeded && staffReport.Succeeded, $"{unitReport} {staffReport}");
        Assert.Equal("Phòng Kinh tế, Hạ tầng", (await db.Units.SingleAsync(u => u.Code == "KT")).Name);
        var person = await db.Staff.Include(x => x.Unit).SingleAsync();
        Assert.Equal(("A1", "Lê Thị Mai", "KT", "Chuyên viên"), (person.Code, person.FullName, person.Unit!.Code, person.Title));
    }

    [Fact]
    public async Task HeaderWithMissingOrUnknownColumnsIsRejectedNamingThem()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Factory.MigrateAsync();
        var staff = Write("staff.csv", "code,full_name,unit_code,roles,e-mail\nA1,Lê Thị Mai,UB,staff,mai@x.example.vn\n");

        var file = DirectoryFile.Read(staff);
        await using var db = database.Factory.Create();
        var report = await new DirectoryImporter().ImportAsync(db, file, default);

        Assert.False(report.Succeeded);
        Assert.Contains("staff.csv line 1: the staff header lacks the column(s) 'title', 'email', 'phone', 'teams_object_id'.", report.Errors);
        Assert.Contains(report.Errors, e => e.StartsWith("staff.csv line 1: unknown column(s) 'e-mail' in the staff header", StringComparison.Ordinal));
        Assert.Equal(0, await db.Staff.CountAsync());
    }

    [Fact]
    public async Task ReimportingAnUnchangedFileReportsNoChanges()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Factory.MigrateAsync();
        var importer = new DirectoryImporter();
        var units = Write("units.csv", "code,name,parent_code\nUB,UBND xã Thử,\nVP,Văn phòng,UB\n");
        var staff = Write("staff.csv",
            "code,full_name,unit_code,title,roles,email,phone,teams_object_id\n" +
            "A1,Lê Thị Mai,VP,Chuyên viên,staff,Mai.Le@x.example.vn,+84 912 345 678,\n" +
            "A2,Phạm Văn Tú,VP,Chánh Văn phòng,staff;unit_head,,,AAAAAAAA-0000-4000-8000-000000000002\n");
        await using (var db = database.Factory.Create())
        {
            await importer.ImportAsync(db, DirectoryFile.Read(units), default);
            await importer.ImportAsync(db, DirectoryFile.Read(staff), default);
        }

        await using (var db = database.Factory.Create())
        {
            var unitReport = await importer.ImportAsync(db, DirectoryFile.Read(units), default);
            var staffReport = await importer.ImportAsync(db, DirectoryFile.Read(staff), default);

            Assert.Equal("Units: 0 created, 0 updated. Staff: 0 created, 0 updated, 0 moved, 0 deactivated.", unitReport.ToString());
            Assert.Equal("Units: 0 created, 0 updated. Staff: 0 created, 0 updated, 0 moved, 0 deactivated.", staffReport.ToString());
            Assert.Empty(staffReport.Changes);
        }
    }

    [Fact]
    public async Task AShortStaffListIsRefusedAboveTheDeactivationLimitAndADryRunChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Factory.MigrateAsync();
        var importer = new DirectoryImporter();
        var units = Write("units.csv", "code,name,parent_code\nUB,UBND xã Thử,\n");
        var everyone = Write("staff.csv", "code,full_name,unit_code,title,roles,email,phone,teams_object_id\n" +
            string.Concat(Enumerable.Range(1, 10).Select(i => $"A{i},Người {i},UB,,staff,,,\n")));
        var one = Write("one.csv", "code,full_name,unit_code,title,roles,email,phone,teams_object_id\nA1,Người 1,UB,,staff,,,\n");
        await using (var db = database.Factory.Create())
        {
            await importer.ImportAsync(db, DirectoryFile.Read(units), default);
            await importer.ImportAsync(db, DirectoryFile.Read(everyone), default);
        }

        await using (var db = database.Factory.Create())
        {
            var refused = await importer.ImportAsync(db, DirectoryFile.Read(one), new ImportPolicy(DryRun: false, MaxDeactivateShare: 0.10), default);
            Assert.False(refused.Succeeded);
            Assert.StartsWith("this file would deactivate 9 of 10 active people, more than the 10", refused.Errors.Single(), StringComparison.Ordinal);
        }

        await using (var db = database.Factory.Create())
        {
            var dryRun = await importer.ImportAsync(db, DirectoryFile.Read(one), new ImportPolicy(DryRun: true, MaxDeactivateShare: null), default);
            Assert.True(dryRun.Succeeded);
            Assert.StartsWith("Dry run, nothing saved.", dryRun.ToString(), StringComparison.Ordinal);
            Assert.Contains("staff A10: deactivated (not in the file)", dryRun.Changes);
        }

        await using (var db = database.Factory.Create())
        {
            Assert.Equal(10, await db.Staff.CountAsync(s => s.Active));
            // One of ten is exactly the limit, and allowed.
            var nine = Write("nine.csv", "code,full_name,unit_code,title,roles,email,phone,teams_object_id\n" +
                string.Concat(Enumerable.Range(1, 9).Select(i => $"A{i},Người {i},UB,,staff,,,\n")));
            var report = await importer.ImportAsync(db, DirectoryFile.Read(nine), new ImportPolicy(DryRun: false, MaxDeactivateShare: 0.10), default);
            Assert.Equal(1, report.StaffDeactivated);
        }

        await using var check = database.Factory.Create();
        Assert.Equal(9, await check.Staff.CountAsync(s => s.Active));
    }

    [Fact]
    public async Task ACorruptWorkbookIsReportedAsUnreadable()
    {
        var path = Write("danh-ba.xlsx", "this is not a zip file");

        var ex = Assert.Throws<ArgumentException>(() => DirectoryFile.Read(path));

        Assert.StartsWith("danh-ba.xlsx is not a readable .xlsx workbook", ex.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
