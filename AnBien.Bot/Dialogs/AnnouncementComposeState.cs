using AnBien.Bot.Conversations;

namespace AnBien.Bot.Dialogs;

/// <summary>What the compose dialog remembers between the sender's answers: the draft as it grows, and its preview.</summary>
public sealed class AnnouncementComposeState : StepState
{
    public string Text { get; set; } = "";
    public string? Link { get; set; }
    public string? Image { get; set; }

    /// <summary>In the command line's form ("all", "units:VP,KT", "roles:council", "staff:NV001").</summary>
    public string Audience { get; set; } = "all";
    public bool WithSubUnits { get; set; }
    public bool Ack { get; set; }

    /// <summary>Null: as soon as "Gửi" is pressed.</summary>
    public DateTimeOffset? SendAt { get; set; }

    /// <summary>The recipients counted when the preview was made, so a re-ask shows the same figures without a database read.</summary>
    public string PreviewSummary { get; set; } = "";
}
