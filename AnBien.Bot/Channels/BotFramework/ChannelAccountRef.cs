namespace AnBien.Bot.Channels.BotFramework;

public sealed class ChannelAccountRef
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }
}
