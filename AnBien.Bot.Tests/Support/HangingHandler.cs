namespace AnBien.Bot.Tests.Support;

/// <summary>A remote API that stops answering while <see cref="Hanging"/> is set: requests wait until cancelled.</summary>
public sealed class HangingHandler : DelegatingHandler
{
    public volatile bool Hanging;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Hanging) await Task.Delay(Timeout.Infinite, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
