using AnBien.Bot.Storage;

namespace AnBien.Bot.Conversations;

/// <summary>
/// The menu of a linked person: the <see cref="MenuEntry"/> of every dialog the person's roles allow, then "Trợ giúp".
/// A new dialog appears here by declaring its entry; nothing in the engine changes.
/// </summary>
public sealed class MainMenu(IEnumerable<IDialog> dialogs)
{
    public const string HelpCommand = "cmd:menu";

    private readonly IReadOnlyList<(MenuEntry Entry, IDialog Dialog)> _entries = dialogs
        .Where(d => d.MenuEntry is not null)
        .Select(d => (d.MenuEntry!, d))
        .OrderBy(e => e.Item1.Order)
        .ToList();

    public IReadOnlyList<Choice> Choices(TurnContext turn)
    {
        var choices = new List<Choice>();
        foreach (var (entry, _) in Visible(turn.Staff))
        {
            choices.Add(new Choice(entry.Command, turn.T(entry.LabelKey), choices.Count + 1));
        }

        choices.Add(new Choice(HelpCommand, turn.T("menu.help"), choices.Count + 1));
        return choices;
    }

    public void Show(TurnContext turn)
    {
        var choices = Choices(turn);
        turn.Send(new OutgoingMessage(turn.T("menu.text"))
        {
            Choices = choices,
            ChoicesHint = turn.T("menu.hint", ("choices", string.Join(", ", choices.Select(c => $"{c.Number} = {c.Label}")))),
        });
    }

    /// <summary>The dialog a message starts: its entry's button value or words, or, outside a dialog, a menu number or label.</summary>
    public IDialog? DialogCalledBy(TurnContext turn, bool inDialog)
    {
        var visible = Visible(turn.Staff).ToList();
        if (visible.FirstOrDefault(e => e.Entry.IsCalledBy(turn.Input)) is { Dialog: { } called }) return called;
        if (inDialog) return null;
        var picked = ChoiceMatcher.Match(turn.Input, Choices(turn));
        return visible.FirstOrDefault(e => e.Entry.Command == picked?.Value).Dialog;
    }

    /// <summary>Whether a message outside a dialog picked "Trợ giúp" by number or label.</summary>
    public bool IsHelpPicked(TurnContext turn) => ChoiceMatcher.Match(turn.Input, Choices(turn))?.Value == HelpCommand;

    private IEnumerable<(MenuEntry Entry, IDialog Dialog)> Visible(Staff? staff) =>
        _entries.Where(e => staff is not null && e.Entry.IsVisibleTo(staff));
}
