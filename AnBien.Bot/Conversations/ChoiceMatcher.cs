namespace AnBien.Bot.Conversations;

/// <summary>
/// Matches an answer to a choice by button value, number, label (any case, with or without diacritics), alias or
/// initials ("tx"). Only the choices of the question being asked are considered.
/// </summary>
public static class ChoiceMatcher
{
    public static Choice? Match(string? input, IReadOnlyList<Choice> choices)
    {
        if (string.IsNullOrWhiteSpace(input) || choices.Count == 0) return null;
        var exact = choices.FirstOrDefault(c => string.Equals(c.Value, input.Trim(), StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;

        var folded = TextNormalizer.Fold(input);
        if (folded.Length == 0) return null;
        if (int.TryParse(folded, out var number))
        {
            return choices.FirstOrDefault(c => c.Number == number);
        }

        return choices.FirstOrDefault(c => TextNormalizer.Fold(c.Label) == folded)
            ?? choices.FirstOrDefault(c => TextNormalizer.Fold(c.Value) == folded)
            ?? choices.FirstOrDefault(c => c.Aliases?.Any(a => TextNormalizer.Fold(a) == folded) == true)
            ?? UniqueOrNull(choices.Where(c => folded.Length >= 2 && TextNormalizer.Initials(TextNormalizer.Fold(c.Label)) == folded));
    }

    private static Choice? UniqueOrNull(IEnumerable<Choice> candidates)
    {
        using var e = candidates.GetEnumerator();
        if (!e.MoveNext()) return null;
        var first = e.Current;
        return e.MoveNext() ? null : first;
    }
}
