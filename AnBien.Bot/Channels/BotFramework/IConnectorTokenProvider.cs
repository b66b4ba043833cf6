namespace AnBien.Bot.Channels.BotFramework;

/// <summary>The bearer token for outbound Connector calls; none in the local (Emulator) mode.</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken ct);
}
