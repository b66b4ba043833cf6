namespace AnBien.Bot.Conversations;

/// <summary>A dialog whose progress belongs to the person, not the chat, so any channel can pick it up.</summary>
public interface IResumable
{
    Task<bool> HasWorkToResumeAsync(TurnContext turn, CancellationToken ct);
}
