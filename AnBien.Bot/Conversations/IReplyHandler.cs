namespace AnBien.Bot.Conversations;

/// <summary>
/// Answers to questions a feature asked proactively, outside any dialog (e.g. a unit head confirming a Zalo link,
/// later "Đã đọc" on announcements). Consulted for linked people before commands and the active dialog; runs inside
/// the turn's unit of work, so what it changes commits with the turn.
/// </summary>
public interface IReplyHandler
{
    /// <summary>True when the message was the answer this handler waited for (and it replied).</summary>
    Task<bool> TryHandleAsync(TurnContext turn, CancellationToken ct);
}
