using AnBien.Bot.Tests.Support;

namespace AnBien.Bot.Tests.Hosting;

/// <summary>The built binary started the way the README tells an operator to, in a folder of its own.</summary>
public sealed class BotStartupTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("anbien-start-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private Dictionary<string, string?> LocalDatabase => new() { ["ConnectionStrings__Bot"] = $"Data Source={Path.Combine(_folder, "bot.db")}" };

    [Fact]
    public async Task HelpPrintsTheUsageAloneWithoutStartingAnything()
    {
        var result = await BotProcess.RunAsync(_folder, LocalDatabase, "help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("period list", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
        Assert.False(File.Exists(Path.Combine(_folder, "bot.db")), "help must not open the database");
    }

    [Theory]
    [InlineData("imprt", "Resources/demo/units.csv")]
    [InlineData("frobnicate")]
    [InlineData("--urls")]
    public async Task AMistypedVerbExitsWithTwoAndTheUsageInsteadOfStartingTheService(params string[] args)
    {
        var result = await BotProcess.RunAsync(_folder, LocalDatabase, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: '", result.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryWrongSettingIsOneLineWithExitCodeTwoAndNoStackTrace()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__Provider"] = "Postgres",
            ["Periods__OpenDay"] = "40",
        };

        var result = await BotProcess.RunAsync(_folder, environment);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("configuration: ConnectionStrings:Bot is required when Storage:Provider is Postgres", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("configuration: WebChat:TokenSecret is required outside Development", StringComparison.Ordinal));
        Assert.Contains("configuration: Periods:OpenDay: The field OpenDay must be between 1 and 28.", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
        Assert.Equal(4, lines.Length); // three settings and where settings come from
    }

    [Fact]
    public async Task RelativePathsAreTakenFromTheDirectoryTheCommandRunsIn()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "units.csv"), "code;name;parent_code\nUB;UBND xã Thử;\n");

        var import = await BotProcess.RunAsync(_folder, LocalDatabase, "import", "units.csv");
        var backup = await BotProcess.RunAsync(_folder, LocalDatabase, "backup", "copy.db");

        Assert.Equal((0, "units.csv: Units: 1 created, 0 updated. Staff: 0 created, 0 updated, 0 moved, 0 deactivated."), (import.ExitCode, import.Output.Trim()));
        Assert.Equal("", import.Error); // quiet: no start-up logs without --verbose
        Assert.Equal(0, backup.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder, "copy.db")), backup.Output + backup.Error);
    }

    [Fact]
    public async Task MigrateAppliesTheSchemaOnceWhenInstancesDoNotMigrateOnStart()
    {
        var environment = LocalDatabase;
        environment["Storage__MigrateOnStart"] = "false";

        var first = await BotProcess.RunAsync(_folder, environment, "migrate");
        var second = await BotProcess.RunAsync(_folder, environment, "migrate");

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"^Applied 1 migration\(s\) to the Sqlite database: \d+_Initial\.$", first.Output.Trim());
        Assert.Equal((0, "The Sqlite database is up to date."), (second.ExitCode, second.Output.Trim()));
    }

    [Fact]
    public async Task AnExportIntoAMissingFolderIsOneLineWithExitCodeOne()
    {
        var open = await BotProcess.RunAsync(_folder, LocalDatabase, "period", "open", "2026-11", "--closes", "2099-12-31");
        var export = await BotProcess.RunAsync(_folder, LocalDatabase, "export", "--period", "2026-11", "--out", "/nonexistent/dir/x.csv");

        Assert.Equal(0, open.ExitCode);
        Assert.StartsWith("Period 2026-11 open until 2100-01-01 00:00", open.Output, StringComparison.Ordinal);
        Assert.Equal(1, export.ExitCode);
        Assert.Equal("error: Could not find a part of the path '/nonexistent/dir/x.csv'.", export.Error.Trim());
    }
}
