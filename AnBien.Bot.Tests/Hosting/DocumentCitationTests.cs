using System.Text.RegularExpressions;
using AnBien.Bot.Tests.Support.Cluster;

namespace AnBien.Bot.Tests.Hosting;

/// <summary>
/// Code comments cite notes by their path in the repository (docs/…), so whoever picks the code up can follow them:
/// every cited file must be there.
/// </summary>
public sealed partial class DocumentCitationTests
{
    [Fact]
    public void EveryDocumentACodeCommentCitesIsInTheRepository()
    {
        var root = ReleaseBuild.RepositoryRoot();
        var cited = System.IO.Directory.EnumerateFiles(Path.Combine(root, "AnBien.Bot"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Citation().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(root, f), Cited: m.Value)))
            .ToList();

        Assert.NotEmpty(cited);
        var missing = cited.Where(c => !File.Exists(Path.Combine(root, c.Cited))).Select(c => $"{c.File} cites {c.Cited}").Distinct().ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [GeneratedRegex(@"(?<![\w./])docs/[\w./-]+\.md")]
    private static partial Regex Citation();
}
