using AnBien.Bot.Storage;
using Microsoft.Extensions.Options;

namespace AnBien.Bot.Conversations;

/// <summary>
/// The menu of a linked person: the <see cref="MenuEntry"/> of every dialog the person's roles allow, then "Trợ giúp".
/// A new dialog appears here by declaring its entry; nothing in the engine changes. It also says what "trợ giúp" says.
/// </summary>
public sealed class MainMenu(IEnumerable<IDialog> dialogs, IOptions<HelpOptions> help)
{
    public const string HelpCommand = "cmd:help";

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
        turn.Say(turn.T("menu.text"));
        OfferNext(turn);
    }

    /// <summary>
    /// Puts the menu's buttons under a turn's last reply when the conversation is left with no dialog and that reply
    /// offers nothing: a receipt, "để sau" or a language switch must not leave the person guessing what to type.
    /// </summary>
    public void OfferNext(TurnContext turn)
    {
        if (turn.Replies.Count == 0 || turn.Replies[^1].Choices.Count > 0) return;
        var choices = Choices(turn);
        turn.AmendLastReply(last => last with
        {
            Choices = choices,
            ChoicesHint = turn.T("menu.hint", ("choices", string.Join(", ", choices.Select(c => $"{c.Number} = {c.Label}")))),
        });
    }

    /// <summary>What the bot does, how to answer, how to pause, who sees the answers, and whom to ask.</summary>
    public void SayHelp(TurnContext turn) =>
        turn.Say(turn.T("help.text", ("contact", help.Value.Contact is { Length: > 0 } contact ? contact : turn.T("help.contact.default"))));

    /// <summary>The dialog a message starts: its entry's button value or words, or, outside a dialog, a menu number or label.</summary>
    public IDialog? DialogCalledBy(TurnContext turn, bool inDialog)
    {
        var visible = Visible(turn.Staff).ToList();
        if (visible.FirstOrDefault(e => e.Entry.IsCalledBy(turn.Input)) is { Dialog: { } called }) return called;
        if (turn.Staff is not null && _entries.FirstOrDefault(e => e.Entry.RefusesOthers && e.Entry.IsCalledBy(turn.Input)) is { Dialog: { } refusing }) return refusing;
        if (inDialog) return null;
        var picked = ChoiceMatcher.Match(turn.Input, Choices(turn));
        return visible.FirstOrDefault(e => e.Entry.Command == picked?.Value).Dialog;
    }

    /// <summary>Whether a message outside a dialog picked "Trợ giúp" by number or label.</summary>
    public bool IsHelpPicked(TurnContext turn) => ChoiceMatcher.Match(turn.Input, Choices(turn))?.Value == HelpCommand;

    private IEnumerable<(MenuEntry Entry, IDialog Dialog)> Visible(Staff? staff) =>
        _entries.Where(e => staff is not null && e.Entry.IsVisibleTo(staff));
}
