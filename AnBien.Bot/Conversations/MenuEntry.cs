using AnBien.Bot.Storage;

namespace AnBien.Bot.Conversations;

/// <summary>
/// A dialog's line in the menu. The menu lists the entries the person's roles allow, ordered by <see cref="Order"/> and
/// numbered from 1, then "Trợ giúp"; the entry's button value and typed <see cref="Words"/> start the dialog.
/// </summary>
/// <param name="Command">The button value, e.g. "cmd:assess"; typing it works too.</param>
/// <param name="LabelKey">Text key of the button label.</param>
/// <param name="Order">Position in the menu.</param>
/// <param name="Words">What a person may type to start it, compared without case or diacritics.</param>
/// <param name="Roles">Who sees it: any of these roles; <see cref="StaffRoles.None"/> means everyone.</param>
/// <param name="ContinueLabelKey">Label of the button offered after three misses to pick the dialog up again.</param>
/// <param name="TakesMore">Whether the words may be followed by more ("tổng hợp tháng 10"), which the dialog reads from the input.</param>
/// <param name="RefusesOthers">
/// Whether the words reach the dialog from people it is not shown to, so that it refuses them itself (and audits the
/// refusal) instead of the menu answering as if nothing was asked.
/// </param>
public sealed record MenuEntry(
    string Command,
    string LabelKey,
    int Order,
    IReadOnlyList<string> Words,
    StaffRoles Roles = StaffRoles.None,
    string? ContinueLabelKey = null,
    bool TakesMore = false,
    bool RefusesOthers = false)
{
    public bool IsVisibleTo(Staff staff) => Roles == StaffRoles.None || (staff.Roles & Roles) != 0;

    public bool IsCalledBy(string? input)
    {
        var folded = TextNormalizer.Fold(input);
        return folded.Length > 0
            && (folded == TextNormalizer.Fold(Command) || Words.Any(w => TextNormalizer.Fold(w) == folded
                || TakesMore && folded.StartsWith(TextNormalizer.Fold(w) + " ", StringComparison.Ordinal)));
    }
}
