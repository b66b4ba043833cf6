using AnBien.Bot.Conversations;

namespace AnBien.Bot.Reports;

/// <summary>
/// Finds the people a good deed names: a full name ("giúp chị Nguyễn Thị Lan…") or a staff code, compared without case
/// or diacritics. Runs of 2–6 words are looked up in a dictionary, so a year of deeds against a province's directory
/// stays linear. A full name several people share counts only for those in the writer's own unit; elsewhere it is
/// too uncertain to credit anyone.
/// </summary>
public sealed class DeedNames
{
    private const int LongestName = 6;
    private readonly Dictionary<string, List<(string Code, string UnitCode)>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byCode = new(StringComparer.Ordinal);

    public DeedNames(IEnumerable<(string Code, string FullName, string UnitCode)> people)
    {
        foreach (var (code, fullName, unitCode) in people)
        {
            var name = TextNormalizer.Fold(fullName);
            if (name.Contains(' ', StringComparison.Ordinal))
            {
                if (!_byName.TryGetValue(name, out var list)) _byName[name] = list = [];
                list.Add((code, unitCode));
            }

            var folded = TextNormalizer.Fold(code);
            if (folded.Length > 0 && !folded.Contains(' ', StringComparison.Ordinal)) _byCode[folded] = code;
        }
    }

    /// <summary>The staff codes the text names, apart from its writer's, in the order they first appear.</summary>
    public IReadOnlyList<string> In(string text, string authorCode, string authorUnitCode)
    {
        var words = TextNormalizer.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var found = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (_byCode.TryGetValue(words[i], out var byCode)) Add(byCode);
            for (var n = 2; n <= LongestName && i + n <= words.Length; n++)
            {
                if (!_byName.TryGetValue(string.Join(' ', words, i, n), out var people)) continue;
                if (people.Count == 1) Add(people[0].Code);
                else foreach (var p in people.Where(p => p.UnitCode == authorUnitCode)) Add(p.Code);
            }
        }

        return found;

        void Add(string code)
        {
            if (code != authorCode && !found.Contains(code)) found.Add(code);
        }
    }
}
