namespace AnBien.Bot.Channels.Zalo;

/// <summary>Wakes the inbox processor when this instance stored an event, instead of waiting for the next poll.</summary>
public sealed class ZaloInboxSignal : Jobs.WakeSignal;
