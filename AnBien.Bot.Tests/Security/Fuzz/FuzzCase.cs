namespace AnBien.Bot.Tests.Security.Fuzz;

/// <summary>One generated request of the fuzz test, kept to explain a failure: its seed replays it exactly.</summary>
public sealed record FuzzCase(int Seed, string Target, HttpRequestMessage Request, byte[] Body)
{
    public override string ToString()
    {
        var shown = System.Text.Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 300)));
        return $"seed {Seed} ({Target}) {Request.Method} {Request.RequestUri}: {shown}{(Body.Length > 300 ? $"… ({Body.Length} bytes)" : "")}";
    }
}
