namespace AnBien.Bot.Conversations;

/// <summary>The menu of a linked person. Roles add entries as their features arrive (summaries, announcements).</summary>
public sealed class MainMenu
{
    public IReadOnlyList<Choice> Choices(TurnContext turn) =>
    [
        new Choice("cmd:assess", turn.T("menu.assess"), 1),
        new Choice("cmd:results", turn.T("menu.results"), 2),
        new Choice("cmd:menu", turn.T("menu.help"), 3),
    ];

    public void Show(TurnContext turn) =>
        turn.Send(new OutgoingMessage(turn.T("menu.text")) { Choices = Choices(turn), ChoicesHint = turn.T("menu.hint") });
}
