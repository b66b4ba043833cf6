using AnBien.Bot.Conversations;

namespace AnBien.Bot.Dialogs;

/// <summary>
/// The identification's state: whom the person turned out to be (by code or verified identity) while the privacy notice
/// waits for their answer. Nothing is linked until they agree; this is kept with the conversation only.
/// </summary>
public sealed class AccountLinkingState : StepState
{
    public int? PendingStaffId { get; set; }

    /// <summary>How the person was identified ("activation-code", "aad-object-id", "email"), saved with the link.</summary>
    public string? PendingHow { get; set; }
}
