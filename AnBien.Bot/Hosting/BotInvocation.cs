namespace AnBien.Bot.Hosting;

/// <summary>What the command line asks for: the service, an administrator's command, or an answer with no start-up at all.</summary>
public sealed record BotInvocation(BotInvocationKind Kind, string[] Args, bool Verbose)
{
    public bool IsCommand => Kind == BotInvocationKind.Command;
}
