namespace AnBien.Bot.Channels.BotFramework;

public sealed class CardAction
{
    public string Type { get; set; } = "imBack";
    public string? Title { get; set; }
    public object? Value { get; set; }
}
