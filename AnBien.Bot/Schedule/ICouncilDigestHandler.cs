using AnBien.Bot.Storage;

namespace AnBien.Bot.Schedule;

/// <summary>Sends the council its monthly digest of the last closed period (implemented by the summaries).</summary>
public interface ICouncilDigestHandler
{
    Task SendDigestAsync(Period period, CancellationToken ct);
}
