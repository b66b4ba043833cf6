namespace AnBien.Bot.Channels.BotFramework;

public sealed class ConversationRef
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
}
