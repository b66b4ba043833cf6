using AnBien.Bot.Storage;

namespace AnBien.Bot.Schedule;

/// <summary>
/// Told once a period is locked (the heads' summaries push implements it). Called before the closing notice is
/// recorded, so a crash in between calls it again: implementations must tolerate a repeat.
/// </summary>
public interface IPeriodClosedHandler
{
    Task OnPeriodClosedAsync(Period period, CancellationToken ct);
}
