namespace AnBien.Bot.Dialogs;

/// <summary>What the collective assessment keeps with the conversation; its step lives on the unit assessment row.</summary>
public sealed class CollectiveState
{
    public long? UnitAssessmentId { get; set; }
}
