using System.Reflection;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AnBien.Bot.Tests.Deployment;

/// <summary>
/// deployment/ as a server would read it, without Docker: compose.yaml parsed with the keys that make it run, the
/// Dockerfile's stages, and .env.example against the settings the service has. nginx -t and systemd-analyze verify
/// run in deployment/check.sh (called by .ci/run), where nginx and systemd exist.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Folder = FindDeploymentFolder();

    [Fact]
    public void ComposeRunsTwoBotReplicasOnPostgresBehindTheProxyAndMigratesOnce()
    {
        var services = (YamlMappingNode)Compose()["services"];
        Assert.Equal(["db", "migrate", "bot", "proxy"], services.Children.Keys.Select(k => k.ToString()));

        var bot = (YamlMappingNode)services["bot"];
        Assert.Equal("2", ((YamlMappingNode)bot["deploy"])["replicas"].ToString());
        var environment = (YamlMappingNode)bot["environment"];
        Assert.Equal("Postgres", environment["Storage__Provider"].ToString());
        Assert.Equal("false", environment["Storage__MigrateOnStart"].ToString());
        Assert.StartsWith("Host=db;", environment["ConnectionStrings__Bot"].ToString(), StringComparison.Ordinal);
        Assert.StartsWith("${WebChat__TokenSecret:?", environment["WebChat__TokenSecret"].ToString(), StringComparison.Ordinal);
        Assert.Equal("service_completed_successfully", Condition(bot, "migrate"));

        var migrate = (YamlMappingNode)services["migrate"];
        Assert.Equal(["migrate"], ((YamlSequenceNode)migrate["command"]).Select(n => n.ToString()));
        Assert.Same(environment, migrate["environment"]); // one environment for both, through the YAML anchor
        Assert.Equal("service_healthy", Condition(migrate, "db"));

        var proxy = (YamlMappingNode)services["proxy"];
        Assert.Contains("443:443", ((YamlSequenceNode)proxy["ports"]).Select(n => n.ToString()));
        var template = ((YamlSequenceNode)proxy["volumes"]).Select(n => n.ToString()).Single(v => v.Contains("templates", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Folder, template.Split(':')[0])), template);
    }

    [Fact]
    public void EveryVariableComposeNeedsIsInTheExampleEnvWithNoRealSecret()
    {
        var example = ExampleEnv();
        var used = ComposeVariable().Matches(File.ReadAllText(Path.Combine(Folder, "compose.yaml"))).Select(m => m.Groups[1].Value).Distinct();

        Assert.Equal(Array.Empty<string>(), used.Where(v => !example.ContainsKey(v)).ToArray()); // the missing ones, by name
        Assert.Equal("", example["WebChat__TokenSecret"]);
        Assert.Equal("", example["MicrosoftAppPassword"]);
        Assert.StartsWith("change-me", example["POSTGRES_PASSWORD"], StringComparison.Ordinal);
    }

    [Fact]
    public void TheExampleEnvCoversEverySectionOfSettings()
    {
        var example = ExampleEnv();
        var sections = typeof(Program).Assembly.GetTypes()
            .Select(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string)
            .OfType<string>().Distinct().ToList();

        Assert.NotEmpty(sections);
        Assert.Equal(Array.Empty<string>(), sections.Where(s => !example.Keys.Any(k => k.StartsWith(s + "__", StringComparison.Ordinal))).ToArray());
        Assert.Contains("MicrosoftAppId", example.Keys);
        Assert.Contains("ConnectionStrings__Bot", example.Keys);
    }

    [Fact]
    public void TheImageRunsAsNonRootWithADataVolumeAndProbesHttpWithoutASecondRuntime()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "Dockerfile")).Where(l => !l.TrimStart().StartsWith('#')).ToList();
        var stages = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.True(stages.Count >= 2, "a multi-stage build");
        var final = string.Join('\n', lines.Skip(stages[^1].i));

        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", stages[^1].l, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER app$", final);
        Assert.Matches(@"(?m)^VOLUME /app/\.data$", final);
        var healthCheck = final[final.IndexOf("HEALTHCHECK", StringComparison.Ordinal)..];
        Assert.Contains("http://127.0.0.1:8080/health/live", healthCheck, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet", healthCheck.Split('\n').First(l => l.Contains("CMD", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("COPY --from=probe", final, StringComparison.Ordinal);
    }

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, "compose.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static string Condition(YamlMappingNode service, string dependency) =>
        ((YamlMappingNode)((YamlMappingNode)service["depends_on"])[dependency])["condition"].ToString();

    private static Dictionary<string, string> ExampleEnv() =>
        File.ReadAllLines(Path.Combine(Folder, ".env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

    [GeneratedRegex(@"\$\{(\w+)(?::?[-?][^}]*)?\}")]
    private static partial Regex ComposeVariable();

    private static string FindDeploymentFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AnBien.Bot.sln"))) return Path.Combine(dir.FullName, "deployment");
        }

        throw new DirectoryNotFoundException("The repository root (AnBien.Bot.sln) is not above the test binaries.");
    }
}
