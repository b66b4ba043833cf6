using AnBien.Bot.Admin;
using AnBien.Bot.Hosting;
using AnBien.Bot.Storage;
using AnBien.Bot.Tests.Support;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace AnBien.Bot.Tests.Admin;

public sealed class AdminCommandLineTests
{
    [Fact]
    public async Task ExportHasOneRowPerPersonAndItemInCsvAndXlsx()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        await chat.SayAsync("Bắt đầu");
        await chat.SayAsync("Thường xuyên");
        await chat.SayAsync("Đôi khi");
        var csvPath = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.csv");
        var xlsxPath = Path.ChangeExtension(csvPath, ".xlsx");
        try
        {
            var (code, output, _) = await RunAsync(app, "export", "--period", "2026-11", "--out", csvPath);
            Assert.Equal(0, code);
            Assert.Equal("2 rows written to " + csvPath + ".", output.Trim());
            var lines = await File.ReadAllLinesAsync(csvPath);
            Assert.Equal("unit,staff_code,full_name,item_code,answer,points,submitted_at", lines[0].TrimStart('\uFEFF'));
            Assert.Equal("VP,NV001,Nguyễn Thị Lan,CN-A-1,Thường xuyên,2,", lines[1]);
            Assert.Equal("VP,NV001,Nguyễn Thị Lan,CN-A-2,Đôi khi,1,", lines[2]);

            (code, _, _) = await RunAsync(app, "export", "--period", "2026-11", "--format", "xlsx", "--out", xlsxPath);
            Assert.Equal(0, code);
            using var workbook = new XLWorkbook(xlsxPath);
            var sheet = workbook.Worksheet(1);
            Assert.Equal("Đôi khi", sheet.Cell(3, 5).GetString());
            Assert.Equal(1, sheet.Cell(3, 6).GetValue<int>());
            Assert.Equal("CN-A-2", sheet.Cell(3, 4).GetString());
        }
        finally
        {
            File.Delete(csvPath);
            File.Delete(xlsxPath);
        }
    }

    [Fact]
    public async Task PeriodOpenWithAClosingDateThenClose()
    {
        await using var app = await BotApplication.StartAsync(now: new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.FromHours(7)));

        var (code, output, _) = await RunAsync(app, "period", "open", "2026-11", "--closes", "2026-12-15");
        Assert.Equal(0, code);
        Assert.Contains("Period 2026-11 open until 2026-12-16 00:00 (catalogue", output, StringComparison.Ordinal);
        var replies = await app.Chat().SayAsync("tự đánh giá");
        Assert.Contains("tháng 11/2026", replies[^1].Text, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(app, "period", "close", "2026-11");
        Assert.Equal(0, code);
        await using var db = app.CreateDbContext();
        Assert.NotNull((await db.Periods.SingleAsync()).ClosedAt);
    }

    [Fact]
    public async Task ActivationCodeFromTheCommandLineLinksAZaloStyleAccountOnce()
    {
        await using var app = await BotApplication.StartAsync();
        var (code, output, _) = await RunAsync(app, "activation-code", "NV005");
        Assert.Equal(0, code);
        var activation = output.Split(':')[1].Trim()[..9];

        var stranger = app.Chat(userId: "web-42", aadObjectId: null, channel: "webchat");
        var linked = await stranger.SayAsync(activation.ToLowerInvariant());
        Assert.True(linked[0].IsConsentNotice); // the code names NV005, who is linked once they agree (the client does)
        Assert.Contains(linked, r => r.Text.StartsWith("Liên kết thành công. Chào ", StringComparison.Ordinal));

        var other = app.Chat(userId: "web-43", aadObjectId: null, channel: "webchat");
        var reused = await other.SayAsync(activation);
        Assert.StartsWith("Mã kích hoạt không đúng, đã dùng hoặc đã hết hạn", reused[0].Text, StringComparison.Ordinal);

        await using var db = app.CreateDbContext();
        var account = await db.ChannelAccounts.Include(a => a.Staff).SingleAsync(a => a.ChannelUserId == "web-42");
        Assert.Equal(("NV005", "activation-code"), (account.Staff!.Code, account.LinkedBy));
    }

    [Fact]
    public async Task ExpiredCodeIsRefusedAndFiveWrongCodesLockTheChat()
    {
        await using var app = await BotApplication.StartAsync();
        var (_, output, _) = await RunAsync(app, "activation-code", "NV006");
        var activation = output.Split(':')[1].Trim()[..9];
        app.Clock.Advance(TimeSpan.FromDays(8));

        var chat = app.Chat(userId: "web-7", aadObjectId: null, channel: "webchat");
        var expired = await chat.SayAsync(activation);
        Assert.Contains("còn 4 lần thử", expired[0].Text, StringComparison.Ordinal);
        for (var i = 0; i < 3; i++) await chat.SayAsync("ZZZZ-ZZZZ");
        var locked = await chat.SayAsync("YYYY-YYYY");
        Assert.Equal("Anh/chị đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau 60 phút hoặc liên hệ quản trị viên.", locked[0].Text);

        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.ChannelAccounts.CountAsync(a => a.Channel == "webchat"));
    }

    [Theory]
    [InlineData("period", "open", "2026-13")]
    [InlineData("period", "open", "2026-11", "--closes", "5/12")]
    [InlineData("export")]
    [InlineData("export", "--period", "2026-11", "--format", "pdf")]
    [InlineData("activation-code", "NV999")]
    [InlineData("import", "/nonexistent/file.csv")]
    [InlineData("period", "frobnicate", "2026-11")]
    public async Task BadArgumentsExitWithTwoAndSayWhy(params string[] args)
    {
        await using var app = await BotApplication.StartAsync();

        var (code, _, error) = await RunAsync(app, args);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportWithErrorsExitsWithOneAndListsTheLines()
    {
        await using var app = await BotApplication.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"staff-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "code,full_name,unit_code,title,roles,email,phone,teams_object_id\nX1,,VP,,staff,,,\n");
        try
        {
            var (code, _, error) = await RunAsync(app, "import", path);
            Assert.Equal(1, code);
            Assert.Contains("line 2: full_name is empty", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PeriodListShowsStatusWindowInVietnamTimeAndSubmittedOverExpected()
    {
        await using var app = await BotApplication.StartAsync();
        var chat = app.Chat();
        await chat.SayAsync("tự đánh giá");
        var first = (await chat.SayAsync("Bắt đầu"))[^1];
        await AssessmentWalk.AnswerAllAsync(chat, first);
        await chat.SayAsync("Gửi");
        await app.Chat(userId: "29:minh", aadObjectId: "00000000-0000-4000-8000-000000000002").SayAsync("tự đánh giá");

        var (code, output, _) = await RunAsync(app, "period", "list");

        Assert.Equal(0, code);
        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("month    status    opens", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^2026-11  open      2026-11-25 00:00 → 2026-12-06 00:00 +1/24 +2$", lines[1]);
        Assert.Equal("Times in Asia/Ho_Chi_Minh.", lines[^1]);
    }

    [Fact]
    public async Task ImportWithoutAFileSaysHowToUseIt()
    {
        await using var app = await BotApplication.StartAsync();

        var (code, _, error) = await RunAsync(app, "import");

        Assert.Equal(2, code);
        Assert.StartsWith("error: import needs a file: import <file.csv|file.xlsx> [--dry-run] [--allow-deactivate].", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AOneRowStaffFileIsRefusedThenShownByDryRunAndAppliedOnlyWhenAllowed()
    {
        await using var app = await BotApplication.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"staff-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "code,full_name,unit_code,title,roles,email,phone,teams_object_id\nNV001,Nguyễn Thị Lan,VP,,staff,,,\n");
        try
        {
            var (code, _, error) = await RunAsync(app, "import", path);
            Assert.Equal(1, code);
            Assert.Contains("this file would deactivate 23 of 24 active people, more than the 10", error, StringComparison.Ordinal);

            (code, var output, _) = await RunAsync(app, "import", path, "--dry-run", "--allow-deactivate");
            Assert.Equal(0, code);
            Assert.Contains("  staff NV002: deactivated (not in the file)", output, StringComparison.Ordinal);
            Assert.Contains("Dry run, nothing saved. Would change: Units: 0 created, 0 updated. Staff: 0 created, 1 updated, 0 moved, 23 deactivated.", output, StringComparison.Ordinal);
            await using (var db = app.CreateDbContext())
            {
                Assert.Equal(24, await db.Staff.CountAsync(s => s.Active));
            }

            (code, _, _) = await RunAsync(app, "import", path, "--allow-deactivate");
            Assert.Equal(0, code);
            await using var check = app.CreateDbContext();
            Assert.Equal(1, await check.Staff.CountAsync(s => s.Active));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new string[0], BotInvocationKind.Service)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5080" }, BotInvocationKind.Service)]
    [InlineData(new[] { "--environment=Production", "--Storage:Provider", "Postgres" }, BotInvocationKind.Service)]
    [InlineData(new[] { "import", "units.csv", "--verbose" }, BotInvocationKind.Command)]
    [InlineData(new[] { "help" }, BotInvocationKind.Help)]
    [InlineData(new[] { "imprt", "units.csv" }, BotInvocationKind.Invalid)]
    [InlineData(new[] { "--urls" }, BotInvocationKind.Invalid)]
    [InlineData(new[] { "--urls", "http://x", "frobnicate" }, BotInvocationKind.Invalid)]
    public void OnlyKnownVerbsAndHostOptionsStartAnything(string[] args, BotInvocationKind expected)
    {
        Assert.Equal(expected, AdminCommandLine.Parse(args).Kind);
    }

    [Fact]
    public async Task ABackupTakenWhileTheServiceRunsRestoresEveryAnswer()
    {
        await using var app = await BotApplication.StartAsync();
        var lan = app.Chat();
        await lan.SayAsync("tự đánh giá");
        await AssessmentWalk.AnswerAllAsync(lan, (await lan.SayAsync("Bắt đầu"))[^1], n => n % 3 == 0 ? "Đôi khi" : "Thường xuyên");
        await lan.SayAsync("Gửi");
        var minh = app.Chat(userId: "29:minh", aadObjectId: "00000000-0000-4000-8000-000000000002");
        await minh.SayAsync("tự đánh giá");
        await minh.SayAsync("Bắt đầu");
        await minh.SayAsync("Đôi khi");
        var folder = System.IO.Directory.CreateTempSubdirectory("anbien-backup-").FullName;
        try
        {
            var backup = Path.Combine(folder, "backup.db");
            List<(string Staff, string Item, string Choice, int Points)> atBackup;
            await using (var db = app.CreateDbContext()) atBackup = await AnswersAsync(db);
            var (code, output, _) = await RunAsync(app, "backup", backup);
            Assert.Equal(0, code);
            Assert.StartsWith($"Backup written to {backup} (", output, StringComparison.Ordinal);
            await minh.SayAsync("Thường xuyên"); // the service keeps answering; this answer came after the backup

            // Restore: the backup put in place of the database file, as deployment/README.md says.
            var restoredFile = Path.Combine(folder, "restored.db");
            File.Copy(backup, restoredFile);
            var restored = new BotDbContextFactory("Sqlite", $"Data Source={restoredFile}");
            await using var after = restored.Create();
            Assert.True(atBackup.Count > 34, $"Lan's whole assessment and Minh's first answer; got {atBackup.Count}");
            Assert.Equal(atBackup, await AnswersAsync(after));
            Assert.Equal(AssessmentStatus.Submitted, (await after.Assessments.Include(a => a.Staff).SingleAsync(a => a.Staff!.Code == "NV001")).Status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<(string Staff, string Item, string Choice, int Points)>> AnswersAsync(BotDbContext db) =>
        (await db.Assessments.AsNoTracking().Include(s => s.Staff).Include(s => s.Answers).ToListAsync())
        .SelectMany(s => s.Answers.Select(a => (Staff: s.Staff!.Code, Item: a.ItemCode, Choice: a.ChoiceCode, a.Points)))
        .OrderBy(a => a.Staff, StringComparer.Ordinal).ThenBy(a => a.Item, StringComparer.Ordinal)
        .ToList();

    private static async Task<(int Code, string Output, string Error)> RunAsync(BotApplication app, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AdminCommandLine.RunAsync(app.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
