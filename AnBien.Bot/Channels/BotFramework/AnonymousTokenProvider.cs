namespace AnBien.Bot.Channels.BotFramework;

/// <summary>No credentials configured: outbound calls carry no token, as the Bot Framework SDK does for the Emulator.</summary>
public sealed class AnonymousTokenProvider : IConnectorTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken ct) => Task.FromResult<string?>(null);
}
