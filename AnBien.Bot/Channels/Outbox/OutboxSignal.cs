namespace AnBien.Bot.Channels.Outbox;

/// <summary>Wakes this instance's outbox worker when rows were queued that nobody is sending right now.</summary>
public sealed class OutboxSignal : Jobs.WakeSignal;
