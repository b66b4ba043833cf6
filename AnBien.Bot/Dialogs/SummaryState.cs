using AnBien.Bot.Conversations;

namespace AnBien.Bot.Dialogs;

/// <summary>What the summary dialog remembers while the council picks a unit: the period asked for and the units offered.</summary>
public sealed class SummaryState : StepState
{
    public string Period { get; set; } = "";

    /// <summary>The units offered (the whole organisation first), kept so a re-ask needs no database read.</summary>
    public List<Choice> Units { get; set; } = [];
}
