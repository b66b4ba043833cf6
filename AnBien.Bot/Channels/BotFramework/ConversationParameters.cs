using System.Text.Json.Nodes;

namespace AnBien.Bot.Channels.BotFramework;

/// <summary>Body of POST /v3/conversations (botbuilder-dotnet Schema/ConversationParameters.cs; docs/protocols/botframework.md §3).</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccountRef? Bot { get; set; }
    public List<ChannelAccountRef>? Members { get; set; }
    public string? TenantId { get; set; }
    public JsonNode? ChannelData { get; set; }
    public Activity? Activity { get; set; }
}
