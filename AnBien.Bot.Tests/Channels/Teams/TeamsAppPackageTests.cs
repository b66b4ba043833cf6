using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace AnBien.Bot.Tests.Channels.Teams;

/// <summary>deployment/teams: the package target writes a zip whose manifest validates and whose icons have Teams' sizes.</summary>
public sealed class TeamsAppPackageTests
{
    private const string BotId = "a1b2c3d4-0000-4000-8000-00000000b07a";

    // Loaded once: JsonSchema.Net registers a schema under its $id for the whole process.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Deployment, "schema", "manifest.schema.json"))));

    [Fact]
    public async Task PackageBuildsWithTheAppIdFilledInAndTheManifestValidates()
    {
        var folder = Path.Combine(Path.GetTempPath(), "anbien-teams-" + Guid.NewGuid().ToString("N")[..8]);
        var zip = Path.Combine(folder, "package.zip");
        try
        {
            var (exit, output) = await RunAsync("dotnet", "msbuild", Path.Combine(Deployment, "teams-package.proj"), "-nologo",
                $"-p:MicrosoftAppId={BotId}", "-p:Version=1.2.3", $"-p:PackageOutput={zip}", $"-p:StagingDirectory={Path.Combine(folder, "staging")}/");
            Assert.True(exit == 0, output);

            using var archive = ZipFile.OpenRead(zip);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());
            Assert.Equal((192, 192), PngSize(archive.GetEntry("color.png")!));
            Assert.Equal((32, 32), PngSize(archive.GetEntry("outline.png")!));

            using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
            var text = await reader.ReadToEndAsync();
            Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
            var manifest = JsonNode.Parse(text)!;
            Assert.Equal(BotId, manifest["id"]!.GetValue<string>());
            Assert.Equal(BotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
            Assert.Equal("1.2.3", manifest["version"]!.GetValue<string>());
            Assert.Equal(["personal"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.Contains("Mỗi câu trả lời được lưu ngay; có thể tạm dừng", manifest["description"]!["full"]!.GetValue<string>(), StringComparison.Ordinal);
            AssertValid(manifest);
        }
        finally
        {
            if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SchemaRejectsAShortNameLongerThanThirtyCharacters()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Deployment, "manifest.json"))
            .Replace("{{MICROSOFT_APP_ID}}", BotId, StringComparison.Ordinal).Replace("{{TEAMS_APP_ID}}", BotId, StringComparison.Ordinal)
            .Replace("{{VERSION}}", "1.0.0", StringComparison.Ordinal).Replace("{{DEVELOPER_NAME}}", "UBND", StringComparison.Ordinal)
            .Replace("{{WEBSITE_URL}}", "https://a.example", StringComparison.Ordinal).Replace("{{PRIVACY_URL}}", "https://a.example/p", StringComparison.Ordinal)
            .Replace("{{TERMS_URL}}", "https://a.example/t", StringComparison.Ordinal))!;
        AssertValid(manifest);

        manifest["name"]!["short"] = "Trợ lý Văn hóa công sở huyện An Biên";
        Assert.False(Evaluate(manifest).IsValid);
    }

    private static string Deployment
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AnBien.Bot.sln"))) return Path.Combine(dir.FullName, "deployment", "teams");
            }

            throw new InvalidOperationException("Repository root not found.");
        }
    }

    private static EvaluationResults Evaluate(JsonNode manifest)
    {
        using var doc = JsonDocument.Parse(manifest.ToJsonString());
        return Schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static void AssertValid(JsonNode manifest)
    {
        var result = Evaluate(manifest);
        Assert.True(result.IsValid, JsonSerializer.Serialize(result.Details?.Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    private static (int Width, int Height) PngSize(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
